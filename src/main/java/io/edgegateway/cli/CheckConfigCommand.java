package io.edgegateway.cli;

import io.edgegateway.config.ConfigException;
import io.edgegateway.config.ConfigLoader;
import io.edgegateway.config.EffectiveConfig;
import io.edgegateway.config.GatewayConfig;
import io.edgegateway.config.LoadedConfig;
import io.edgegateway.local.auth.AclFile;
import io.edgegateway.local.auth.PasswordFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edge-gateway check-config}: reads the configuration as {@code run} would (with the environment's
 * overrides, the secret files, the device password and ACL files), and prints the effective
 * configuration with every secret redacted. Exit 0 when the gateway would start with it, 2 with the key
 * (or file) and line when not.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = {"Check the configuration as 'run' reads it and print the effective configuration, "
        + "defaults filled in, secrets redacted.", ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the configuration is valid", "1:a file it names cannot be read",
        "2:the configuration (or a password or ACL file) is invalid: the message names the key or file and line"})
public final class CheckConfigCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      defaultValue = "${env:EDGE_GATEWAY_CONFIG:-config/gateway.yaml}",
      description = "Configuration file (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but problems.")
  boolean quiet;

  private final Map<String, String> environment;

  public CheckConfigCommand() {
    this(System.getenv());
  }

  /** For tests: {@code environment} stands for the process's. */
  CheckConfigCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadedConfig loaded;
    try {
      loaded = ConfigLoader.loadWithWarnings(config, environment);
      GatewayConfig cfg = loaded.config();
      if (cfg.auth().passwordFile() != null) {
        PasswordFile.load(cfg.auth().passwordFile());
      }
      if (cfg.auth().aclFile() != null) {
        AclFile.load(cfg.auth().aclFile());
      }
    } catch (ConfigException e) {
      err.println("edge-gateway: invalid configuration:\n" + e.getMessage());
      err.flush();
      return ExitCodes.CONFIG;
    } catch (IOException e) {
      err.println("edge-gateway: cannot read " + e.getMessage());
      err.flush();
      return ExitCodes.FAILURE;
    }
    loaded.warnings().forEach(w -> err.println("warning: " + w));
    err.flush();
    if (!quiet) {
      out.println("# " + config + ": valid; the gateway would run with this (secrets redacted)");
      out.print(EffectiveConfig.yaml(loaded.config()));
      out.flush();
    }
    return ExitCodes.OK;
  }
}
