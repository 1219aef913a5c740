package io.edgegateway.cli;

import ch.qos.logback.classic.Level;
import io.edgegateway.Gateway;
import io.edgegateway.config.ConfigException;
import io.edgegateway.config.ConfigLoader;
import io.edgegateway.config.GatewayConfig;
import io.edgegateway.config.LoadedConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code edge-gateway run}: runs the gateway until SIGTERM or SIGINT, then stops it cleanly (exit 0).
 * SIGHUP reads the configuration again and applies the device password and ACL files and the forward and
 * downlink rules without dropping a connection; a bad file is reported and changes nothing.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the gateway.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped cleanly on SIGTERM or SIGINT", "1:could not start, or did not stop cleanly",
        "2:the configuration (or a password or ACL file) is invalid"})
public final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
  private static final long STOP_TIMEOUT_SECONDS = 20;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      defaultValue = "${env:EDGE_GATEWAY_CONFIG:-config/gateway.yaml}",
      description = "Configuration file (default: ${DEFAULT-VALUE}).")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    LoadedConfig loaded;
    try {
      loaded = ConfigLoader.loadWithWarnings(config, System.getenv());
    } catch (ConfigException e) {
      System.err.println("edge-gateway: invalid configuration:\n" + e.getMessage());
      return ExitCodes.CONFIG;
    }
    GatewayConfig cfg = loaded.config();
    setLogLevel(cfg.log().level());
    loaded.warnings().forEach(warning -> LOG.warn("configuration: {}", warning));

    CountDownLatch stopRequested = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> stopRequested.countDown());
    Signal.handle(new Signal("INT"), s -> stopRequested.countDown());

    Gateway gateway;
    try {
      gateway = Gateway.start(cfg).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException) {
        System.err.println("edge-gateway: invalid configuration:\n" + cause.getMessage());
        return ExitCodes.CONFIG;
      }
      System.err.println("edge-gateway: cannot start: " + cause.getMessage());
      return ExitCodes.FAILURE;
    }
    LOG.info("edge gateway {} started", cfg.gatewayId());
    Signal.handle(new Signal("HUP"), s -> reload(gateway));

    stopRequested.await();
    LOG.info("stopping");
    try {
      gateway.stop().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.error("did not stop cleanly: {}", e.toString());
      return ExitCodes.FAILURE;
    }
    LOG.info("stopped");
    return ExitCodes.OK;
  }

  /** On SIGHUP, on the signal's own thread. */
  private void reload(Gateway gateway) {
    try {
      LoadedConfig loaded = ConfigLoader.loadWithWarnings(config, System.getenv());
      loaded.warnings().forEach(warning -> LOG.warn("configuration: {}", warning));
      gateway.reload(loaded.config());
      setLogLevel(loaded.config().log().level());
    } catch (ConfigException e) {
      LOG.error("reload refused, nothing changed: invalid configuration: {}", e.getMessage().replace('\n', ' '));
    } catch (java.io.IOException | RuntimeException e) {
      LOG.error("reload refused, nothing changed: {}", e.getMessage());
    }
  }

  private static void setLogLevel(String level) {
    org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger logback) {
      logback.setLevel(Level.toLevel(level, Level.INFO));
    }
  }
}
