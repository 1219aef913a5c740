package io.edgegateway;

import io.edgegateway.cli.CheckConfigCommand;
import io.edgegateway.cli.DevicesCommand;
import io.edgegateway.cli.DoctorCommand;
import io.edgegateway.cli.PasswdCommand;
import io.edgegateway.cli.RunCommand;
import io.edgegateway.cli.SpoolCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edge-gateway} command line: one entry point, one subcommand per task. */
@Command(
    name = "edge-gateway",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "MQTT edge gateway for AWS IoT Core.",
    subcommands = {RunCommand.class, CheckConfigCommand.class, DoctorCommand.class, PasswdCommand.class, SpoolCommand.class,
        DevicesCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand registered; tests call it without exiting the JVM. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"edge-gateway " + (v == null ? "development build" : v)};
    }
  }
}
