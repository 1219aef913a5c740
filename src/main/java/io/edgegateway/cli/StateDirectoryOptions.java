package io.edgegateway.cli;

import io.edgegateway.config.ConfigException;
import io.edgegateway.config.ConfigLoader;
import io.edgegateway.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --config FILE | --dir DIR}: how a command finds the gateway's state directory (the spool
 * directory), as {@code spool stats} does: {@code --dir} names it, else {@code spool.directory} of the
 * configuration file is read exactly as {@code run} reads it.
 */
final class StateDirectoryOptions {

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Configuration file whose spool.directory is read, as 'run' reads it "
          + "(default: $" + SpoolStatsCommand.CONFIG_VARIABLE + ", else config/gateway.yaml).")
  Path config;

  @Option(names = {"-d", "--dir"}, paramLabel = "DIR",
      description = "The gateway's state directory (spool.directory); no configuration is read.")
  Path dir;

  /**
   * Where the state is.
   *
   * @param directory the state directory
   * @param config    the configuration read, or null with {@code --dir}
   * @param from      for an error message: where the directory came from (empty with {@code --dir})
   */
  record Location(Path directory, GatewayConfig config, String from) {
  }

  /** A command that cannot go on: its exit code and the one-line (or config) message for standard error. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    Failure(int exitCode, String message) {
      super(message, null, false, false);
      this.exitCode = exitCode;
    }

    int exitCode() {
      return exitCode;
    }
  }

  /**
   * The directory, which must exist.
   *
   * @throws ParameterException when both options are given
   * @throws Failure            {@link ExitCodes#CONFIG} for a configuration that cannot be read,
   *                            {@link ExitCodes#NO_SPOOL} when the directory does not exist
   */
  Location locateExisting(CommandSpec spec, Map<String, String> environment, String command) throws Failure {
    Location location;
    try {
      location = locate(spec, environment);
    } catch (ConfigException e) {
      throw new Failure(ExitCodes.CONFIG, "edge-gateway: invalid configuration:\n" + e.getMessage());
    }
    if (!Files.isDirectory(location.directory())) {
      throw new Failure(ExitCodes.NO_SPOOL, "edge-gateway " + command + ": no state directory: "
          + location.directory() + (Files.exists(location.directory()) ? " is not a directory" : " does not exist")
          + location.from());
    }
    return location;
  }

  /**
   * The directory, from {@code --dir} or the configuration.
   *
   * @throws ParameterException when both options are given
   * @throws io.edgegateway.config.ConfigException when the configuration cannot be read
   */
  Location locate(CommandSpec spec, Map<String, String> environment) {
    if (dir != null && config != null) {
      throw new ParameterException(spec.commandLine(), "--config and --dir cannot be used together");
    }
    if (dir != null) {
      return new Location(dir.toAbsolutePath().normalize(), null, "");
    }
    String named = environment.get(SpoolStatsCommand.CONFIG_VARIABLE);
    Path file = config != null ? config
        : named == null || named.isEmpty() ? SpoolStatsCommand.DEFAULT_CONFIG : Path.of(named);
    GatewayConfig loaded = ConfigLoader.load(file, environment);
    String from = " (spool.directory of " + file
        + (environment.containsKey(SpoolStatsCommand.STATE_DIRECTORY) ? "" : "; unless the file sets it: $"
            + SpoolStatsCommand.STATE_DIRECTORY + ", which is not set here, else ./state")
        + "; --dir names the directory)";
    return new Location(loaded.spool().directory().toAbsolutePath().normalize(), loaded, from);
  }
}
