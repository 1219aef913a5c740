package io.edgegateway.cli;

import io.edgegateway.upstream.device.DeviceVerifiers;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edge-gateway devices list}: the cached verifiers, by username, never their hashes. With a
 * configuration it also says whether each one still admits its device while IoT Core is unreachable
 * ({@code upstream.devices.offlineAdmission}). Read-only.
 */
@Command(
    name = "list",
    sortOptions = false,
    description = {
        "List the devices with a cached verifier: username, client id, when IoT Core last accepted them, the "
            + "age of that, and (when a configuration is read) whether it is within upstream.devices.offlineAdmission, "
            + "so that the device is admitted while IoT Core cannot be reached.",
        "Read-only, safe while the gateway runs. Nothing is printed when there are no verifiers ([] with --json)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the list was printed (perhaps empty)",
        "1:the verifier file could not be read",
        "2:bad configuration or bad option",
        "3:the state directory does not exist"})
public final class DevicesListCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  StateDirectoryOptions location;

  @Option(names = "--json", description = "Print one JSON array instead of text.")
  boolean json;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  private final Map<String, String> environment;
  private final Clock clock;

  /** Reads the process's environment; ages count to the system clock. */
  public DevicesListCommand() {
    this(System.getenv(), Clock.systemUTC());
  }

  /** For tests: {@code environment} stands for the process's. */
  DevicesListCommand(Map<String, String> environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    StateDirectoryOptions.Location where;
    List<DeviceVerifiers.Entry> entries;
    try {
      where = location.locateExisting(spec, environment, "devices list");
      entries = new DeviceVerifiers(where.directory(), clock).list();
    } catch (StateDirectoryOptions.Failure e) {
      err.println(e.getMessage());
      err.flush();
      return e.exitCode();
    } catch (IOException e) {
      err.println("edge-gateway devices list: cannot read the verifiers: " + e);
      err.flush();
      return ExitCodes.FAILURE;
    }
    Duration window = where.config() == null ? null : where.config().upstream().devices().offlineAdmission();
    DevicesListView view = new DevicesListView(entries, clock.instant(), window);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(view.jsonText());
    } else {
      view.print(out);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
