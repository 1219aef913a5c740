package io.edgegateway.cli;

import io.edgegateway.cli.doctor.Check;
import io.edgegateway.cli.doctor.Doctor;
import io.edgegateway.cli.doctor.ProbeOptions;
import io.edgegateway.cli.doctor.ProbeUser;
import io.edgegateway.cli.doctor.Report;
import io.edgegateway.config.ConfigException;
import io.edgegateway.config.ConfigLoader;
import io.edgegateway.config.GatewayConfig;
import io.edgegateway.config.LoadedConfig;
import io.edgegateway.config.Secret;
import io.edgegateway.config.UpstreamConfig;
import io.edgegateway.route.IotCoreLimits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code edge-gateway doctor}: checks, step by step, the way from this machine to AWS IoT Core as the
 * gateway goes it, and says in plain words which step fails and what to check. One line per step.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Check the way to AWS IoT Core step by step and say which step fails: the configuration loads; "
            + "upstream.endpoint resolves (DNS); its port accepts a connection (TCP); the TLS handshake with SNI "
            + "and ALPN mqtt, the certificate checked against upstream.caFile or the JDK's trust store (TLS); "
            + "the sign-in to Cognito (token mode; in password mode the authorizer checks the password at "
            + "connect); the MQTT connection through the custom authorizer with the gateway's credentials; a "
            + "subscription to a test topic, a QoS 1 test message to it, and its echo.",
        "It stops at the first failing step. It never prints a password or token.",
        "With upstream.identity: device there are no gateway credentials: the checks run as one device, named "
            + "with --device-user and --device-password-env, under its own client id.",
        "The test connection uses the gateway's client id unless --client-id names another: IoT Core allows "
            + "one connection per client id, so a running gateway's connection drops for the moment (it "
            + "reconnects by itself; its devices' messages wait in the spool).",
        ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every step passed",
        "1:an unexpected error stopped the checks",
        "2:the configuration is invalid, or a bad option",
        "5:a step failed: its line says why and what to check",
        "6:no upstream is configured (upstream.endpoint is not set): the gateway runs local only"})
public final class DoctorCommand implements Callable<Integer> {

  private static final String CONFIG = "config";

  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      defaultValue = "${env:EDGE_GATEWAY_CONFIG:-config/gateway.yaml}",
      description = "Configuration file (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(names = "--device-user", paramLabel = "NAME",
      description = "upstream.identity: device only (and required there): the device whose own Cognito user the "
          + "checks sign in as, its MQTT username.")
  String deviceUser;

  @Option(names = "--device-password-env", paramLabel = "VAR",
      description = "upstream.identity: device only (and required there): the environment variable holding that "
          + "device's password. Never printed.")
  String devicePasswordEnv;

  @Option(names = "--client-id", paramLabel = "ID",
      description = "Client id of the test connection (default: upstream.clientId, the gateway's own; with "
          + "upstream.identity: device, the device user's name, the device's own). Another id leaves a running "
          + "gateway connected, if the authorizer's policy allows it (POLICY_CLIENT_IDS).")
  String clientId;

  @Option(names = "--topic", paramLabel = "TOPIC",
      description = "Topic of the test message (default: dt/<user>/doctor, with credentials.username or "
          + "--device-user, which the authorizer's default policy lets that user publish to; subscribing and "
          + "receiving need POLICY_SUBSCRIBE_FILTERS and POLICY_RECEIVE_TOPICS to allow it too).")
  String topic;

  @Option(names = "--publish-only",
      description = "Publish the test message without subscribing to it or waiting for its echo.")
  boolean publishOnly;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "How long each network step may take, and the echo (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  private final Map<String, String> environment;

  public DoctorCommand() {
    this(System.getenv());
  }

  /** For tests: {@code environment} stands for the process's. */
  DoctorCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (timeoutSeconds < 1 || timeoutSeconds > 300) {
      throw new ParameterException(spec.commandLine(), "--timeout must be 1 to 300 seconds, not " + timeoutSeconds);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Report report = new Report(out);
    List<String> steps = new ArrayList<>(List.of(CONFIG));
    steps.addAll(Doctor.STEPS);

    LoadedConfig loaded;
    try {
      loaded = ConfigLoader.loadWithWarnings(config, environment);
    } catch (ConfigException e) {
      report.add(new Check(CONFIG, Check.Status.FAILED, config + " is invalid (see below; 'edge-gateway "
          + "check-config' checks it alone)"));
      report.skipRemaining(steps);
      err.println("edge-gateway: invalid configuration:\n" + e.getMessage());
      err.flush();
      return ExitCodes.CONFIG;
    }
    loaded.warnings().forEach(w -> err.println("warning: " + w));
    err.flush();
    GatewayConfig cfg = loaded.config();
    UpstreamConfig upstream = cfg.upstream();
    boolean perDevice = upstream != null && upstream.perDevice();
    if (!perDevice && (deviceUser != null || devicePasswordEnv != null)) {
      throw new ParameterException(spec.commandLine(), "--device-user and --device-password-env are for "
          + "upstream.identity: device; " + config + " has the gateway's own identity, so doctor checks with "
          + "upstream.credentials: leave both options out");
    }
    if (upstream == null || !upstream.enabled()) {
      report.add(new Check(CONFIG, Check.Status.OK, config + " loads, but sets no upstream.endpoint: the gateway "
          + "runs local only, with nothing to check upstream"));
      return ExitCodes.LOCAL_ONLY;
    }
    ProbeUser user = perDevice ? device() : ProbeUser.gateway(upstream.credentials());
    ProbeOptions options = options(upstream, user);
    report.add(new Check(CONFIG, Check.Status.OK, config + " loads: IoT Core at " + upstream.endpoint() + " port "
        + upstream.port() + ", user " + user.username() + " (" + upstream.credentials().mode().configName()
        + " mode" + (user.device() ? ", a device's own identity" : "") + "), client id " + options.clientId()
        + (clientId != null ? "" : user.device() ? " (the device's own)" : " (the gateway's own)")
        + ", test topic " + options.topic()));
    boolean passed = new Doctor(cfg.gatewayId(), upstream, user, options, report).run();
    Check failed = report.firstFailure();
    out.println(passed ? "every step passed" : "failed at step " + failed.step());
    out.flush();
    return passed ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  /** The device named by the options, with upstream.identity: device. */
  private ProbeUser device() {
    if (deviceUser == null || devicePasswordEnv == null) {
      throw new ParameterException(spec.commandLine(), "upstream.identity is device: name a device to check with "
          + "--device-user NAME --device-password-env VAR (VAR: an environment variable holding its password)");
    }
    String problem = IotCoreLimits.usernameProblem(deviceUser);
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), "--device-user " + problem);
    }
    String password = environment.get(devicePasswordEnv);
    if (password == null || password.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--device-password-env names the environment variable "
          + devicePasswordEnv + ", which is " + (password == null ? "not set" : "empty")
          + ": set it to the password of device " + deviceUser);
    }
    return ProbeUser.device(deviceUser, new Secret("environment " + devicePasswordEnv, password));
  }

  private ProbeOptions options(UpstreamConfig upstream, ProbeUser user) {
    String id = clientId != null ? clientId : user.device() ? user.username() : upstream.clientId(0);
    String problem = IotCoreLimits.clientIdProblem(id);
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), "--client-id " + problem);
    }
    String test = topic == null ? "dt/" + user.username() + "/doctor" : topic;
    problem = IotCoreLimits.topicProblem(test);
    if (problem == null && !publishOnly) {
      problem = IotCoreLimits.filterProblem(test);
    }
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), "the test topic " + test + " " + problem
          + (topic == null ? "; name another with --topic" : ""));
    }
    return new ProbeOptions(id, test, publishOnly, Duration.ofSeconds(timeoutSeconds));
  }
}
