package io.edgegateway.cli;

import io.edgegateway.upstream.device.DeviceVerifiers;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edge-gateway devices revoke}: removes devices' cached verifiers, so that they are admitted
 * again only after IoT Core accepts them. Safe while the gateway runs, which reads the file at every
 * offline admission.
 */
@Command(
    name = "revoke",
    sortOptions = false,
    description = {
        "Remove the cached verifier of each USERNAME (or of every device with --all): while IoT Core cannot be "
            + "reached, the device is no longer admitted; once IoT Core accepts it again, it gets a new one.",
        "Safe while the gateway runs; it takes effect at the device's next connection (a connected device "
            + "stays connected)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every verifier named was removed (--all: however many there were, perhaps none)",
        "1:the verifier file could not be read or written",
        "2:bad configuration or bad option",
        "3:the state directory does not exist",
        "7:a USERNAME named has no verifier (the others named were removed)"})
public final class DevicesRevokeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  StateDirectoryOptions location;

  @Option(names = "--all", description = "Remove every verifier.")
  boolean all;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  @Parameters(arity = "0..*", paramLabel = "USERNAME", description = "The devices' MQTT usernames.")
  List<String> usernames = new ArrayList<>();

  private final Map<String, String> environment;
  private final Clock clock;

  /** Reads the process's environment. */
  public DevicesRevokeCommand() {
    this(System.getenv(), Clock.systemUTC());
  }

  /** For tests: {@code environment} stands for the process's. */
  DevicesRevokeCommand(Map<String, String> environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    if (all == !usernames.isEmpty()) {
      throw new ParameterException(spec.commandLine(), all
          ? "--all and USERNAME cannot be used together"
          : "name the devices to revoke (USERNAME...), or give --all");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      DeviceVerifiers verifiers =
          new DeviceVerifiers(location.locateExisting(spec, environment, "devices revoke").directory(), clock);
      if (all) {
        int removed = verifiers.revokeAll();
        out.println("revoked " + removed + (removed == 1 ? " verifier" : " verifiers"));
        return ExitCodes.OK;
      }
      int code = ExitCodes.OK;
      for (String username : new LinkedHashSet<>(usernames)) {
        if (verifiers.revoke(username)) {
          out.println("revoked " + SpoolStatsText.printable(username));
        } else {
          err.println("edge-gateway devices revoke: no verifier for " + SpoolStatsText.printable(username)
              + " (see 'devices list')");
          code = ExitCodes.NO_VERIFIER;
        }
      }
      return code;
    } catch (StateDirectoryOptions.Failure e) {
      err.println(e.getMessage());
      return e.exitCode();
    } catch (IOException e) {
      err.println("edge-gateway devices revoke: cannot change the verifiers: " + e);
      return ExitCodes.FAILURE;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
