package io.edgegateway.cli;

import io.edgegateway.config.ConfigException;
import io.edgegateway.config.ConfigLoader;
import io.edgegateway.spool.SpoolInspector;
import io.edgegateway.spool.SpoolReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code edge-gateway spool stats}: what waits in the spool, in total and per device. Read-only
 * ({@link SpoolInspector}), so it can run beside the gateway. The spool directory comes from
 * {@code --dir}, else from the configuration file, read exactly as {@code run} reads it.
 */
@Command(
    name = "stats",
    sortOptions = false,
    description = {
        "Show what waits in the spool: messages, bytes, the age of the oldest message, and the same per "
            + "device, most messages first.",
        "Read-only, safe while the gateway runs: it never creates, changes or repairs a spool file."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the statistics were printed",
        "1:the spool could not be read (permissions, an I/O error, busy)",
        "2:bad configuration or bad option",
        "3:no spool directory, or no spool database in it",
        "4:the file is not a spool database (not SQLite, corrupt, or another schema)"})
public final class SpoolStatsCommand implements Callable<Integer> {

  static final String CONFIG_VARIABLE = "EDGE_GATEWAY_CONFIG";
  static final Path DEFAULT_CONFIG = Path.of("config", "gateway.yaml");
  /** Where systemd's {@code StateDirectory=} puts the spool by default (see docs/CONFIGURATION.md). */
  static final String STATE_DIRECTORY = "STATE_DIRECTORY";

  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Configuration file whose spool.directory is read, as 'run' reads it "
          + "(default: $" + CONFIG_VARIABLE + ", else config/gateway.yaml).")
  Path config;

  @Option(names = {"-d", "--dir"}, paramLabel = "DIR",
      description = "The spool directory (the one holding spool.db); no configuration is read.")
  Path dir;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(names = "--top", paramLabel = "N",
      description = "List only the N devices with the most messages, and say how many were left out "
          + "(default: all).")
  Integer top;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  private final Map<String, String> environment;
  private final Clock clock;

  /** Reads the process's environment; ages count to the system clock. */
  public SpoolStatsCommand() {
    this(System.getenv(), Clock.systemUTC());
  }

  /** For tests: {@code environment} stands for the process's. */
  SpoolStatsCommand(Map<String, String> environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    if (top != null && top < 0) {
      throw new ParameterException(spec.commandLine(), "--top must be 0 or more, not " + top);
    }
    if (dir != null && config != null) {
      throw new ParameterException(spec.commandLine(), "--config and --dir cannot be used together");
    }
    Path directory;
    String from;
    if (dir != null) {
      directory = dir;
      from = "";
    } else {
      Path file = configFile();
      try {
        directory = ConfigLoader.load(file, environment).spool().directory();
      } catch (ConfigException e) {
        err().println("edge-gateway: invalid configuration:\n" + e.getMessage());
        err().flush();
        return ExitCodes.CONFIG;
      }
      from = " (spool.directory of " + file
          + (environment.containsKey(STATE_DIRECTORY) ? "" : "; unless the file sets it: $" + STATE_DIRECTORY
              + ", which is not set here, else ./state")
          + "; --dir names the directory)";
    }
    SpoolReport report;
    try {
      report = new SpoolInspector(clock).inspect(directory.toAbsolutePath().normalize());
    } catch (SpoolInspector.InspectionException e) {
      return fail(e, from);
    }
    PrintWriter out = spec.commandLine().getOut();
    SpoolStatsView view = SpoolStatsView.of(report, top);
    if (json) {
      out.println(SpoolStatsJson.of(view).encodePrettily());
    } else {
      SpoolStatsText.print(view, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private Path configFile() {
    String named = environment.get(CONFIG_VARIABLE);
    return config != null ? config : named == null || named.isEmpty() ? DEFAULT_CONFIG : Path.of(named);
  }

  private int fail(SpoolInspector.InspectionException e, String from) {
    int code = switch (e.problem()) {
      case MISSING -> ExitCodes.NO_SPOOL;
      case NOT_A_SPOOL -> ExitCodes.BAD_SPOOL;
      case UNREADABLE -> ExitCodes.FAILURE;
    };
    err().println("edge-gateway spool stats: " + e.getMessage() + (code == ExitCodes.NO_SPOOL ? from : ""));
    err().flush();
    return code;
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
