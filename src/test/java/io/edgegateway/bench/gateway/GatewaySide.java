package io.edgegateway.bench.gateway;

import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.testing.GatewayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * This gateway as a separate process ({@code edge-gateway run --config}), with a forward rule of the bridge's
 * shape, its spool (durable, the default) in a temporary directory, and upstream to the simulator.
 *
 * <p>The gateway keeps under IoT Core's per-connection quota of 100 publishes/s, and its configuration allows no
 * more than that per connection and no more than 16 connections: with quotas off in the simulator it is
 * configured at that ceiling, 16 x 100 = 1,600 publishes/s. The bridge has one connection and no limiter.
 *
 * <p>{@code limits.maxConnections} is raised from its default (1,000, counting connections being authenticated)
 * so that the memory phase's 1,000 devices all get in. It runs with the systemd unit's JVM options and
 * environment ({@link UnitJvmOptions}) unless given other options.
 */
final class GatewaySide implements Side {
  static final int CONNECTIONS = 16;
  static final String CLIENT_ID = "bench-gw";
  static final int MAX_CONNECTIONS = 100_000;
  /** {@code upstream.devices.maxConnections}'s ceiling. */
  static final int MAX_DEVICE_CONNECTIONS = 10_000;
  private static final String PASSWORD_ENV = "EDGE_BENCH_COGNITO_PASSWORD";

  private final IotCoreSimulator simulator;
  private final BenchCredentials credentials;
  private final List<String> jvmOptions;
  /** With {@code upstream.identity: device}: CONNECTs per second to IoT Core over all devices; 0: its own identity. */
  private final int deviceConnectsPerSecond;
  /** With {@code upstream.identity: device}: whether devices are admitted offline (a verifier stored per device). */
  private final boolean offlineAdmission;
  private Path dir;
  private Path config;
  private GatewayProcess process;

  /** Run as the systemd unit runs it: its JVM options and environment. */
  GatewaySide(IotCoreSimulator simulator, BenchCredentials credentials) throws java.io.IOException {
    this(simulator, credentials, UnitJvmOptions.read());
  }

  GatewaySide(IotCoreSimulator simulator, BenchCredentials credentials, List<String> jvmOptions) {
    this(simulator, credentials, jvmOptions, 0, true);
  }

  private GatewaySide(IotCoreSimulator simulator, BenchCredentials credentials, List<String> jvmOptions,
      int deviceConnectsPerSecond, boolean offlineAdmission) {
    this.simulator = simulator;
    this.credentials = credentials;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.deviceConnectsPerSecond = deviceConnectsPerSecond;
    this.offlineAdmission = offlineAdmission;
  }

  /**
   * The gateway with {@code upstream.identity: device} in password mode: each device signs in upstream with its
   * own MQTT username and password, on its own connection under its own client id, the CONNECTs paced at
   * {@code connectsPerSecond}; {@code devices.maxConnections} at its ceiling (10,000). No upstream connection is
   * open until devices connect. Without {@code offlineAdmission}, {@code devices.offlineAdmission: 0s}: no
   * verifier is hashed and stored for each accepted device.
   */
  static GatewaySide perDevice(IotCoreSimulator simulator, BenchCredentials credentials, List<String> jvmOptions,
      int connectsPerSecond, boolean offlineAdmission) {
    if (connectsPerSecond <= 0) {
      throw new IllegalArgumentException("connectsPerSecond " + connectsPerSecond);
    }
    return new GatewaySide(simulator, credentials, jvmOptions, connectsPerSecond, offlineAdmission);
  }

  boolean offlineAdmission() {
    return offlineAdmission;
  }

  boolean perDevice() {
    return deviceConnectsPerSecond > 0;
  }

  int deviceConnectsPerSecond() {
    return deviceConnectsPerSecond;
  }

  @Override
  public String name() {
    return perDevice() ? "edge-gateway (identity: device)" : "edge-gateway";
  }

  @Override
  public String upstreamPrefix() {
    return "dt/" + BenchCredentials.GATEWAY_ID + (perDevice() ? "/dev/" : "/gw/");
  }

  /** Whose upstream connections these are: the gateway's own, or (identity: device) the devices'. */
  private boolean ours(String clientId) {
    return perDevice() ? clientId.startsWith(LoadGenerator.DEVICE_PREFIX) : clientId.startsWith(CLIENT_ID);
  }

  @Override
  public int start(int qos, int port) throws Exception {
    close();
    // the previous process's upstream connections are gone before this one's are counted
    Ports.awaitNoUpstream(simulator, this::ours);
    dir = Files.createTempDirectory("bench-gateway-");
    config = Files.writeString(dir.resolve("gateway.yaml"), """
        gatewayId: %s
        listeners:
          - name: lan
            type: tcp
            host: 127.0.0.1
            port: %d
        limits:
          maxPublishRate: 0
          maxConnections: %d
        upstream:
          endpoint: localhost
          port: %d
          caFile: "%s"
          authorizerName: %s
        %s
          quota:
            publishesPerSecond: 100
            bytesPerSecond: 512KiB
            maxInflight: 100
        spool:
          directory: "%s"
        forward:
          - filter: "sensors/#"
            topic: "%s${topic[1:]}"
            qos: %d
        """.formatted(BenchCredentials.GATEWAY_ID, port, MAX_CONNECTIONS, simulator.port(), simulator.tls().ca().toAbsolutePath(),
        credentials.authorizer(), identityYaml().indent(2).stripTrailing(),
        dir.resolve("spool").toAbsolutePath(), upstreamPrefix(), qos));
    return launch();
  }

  /** The upstream keys of the identity, at the upstream section's level. */
  private String identityYaml() {
    if (perDevice()) {
      return """
          identity: device
          credentials:
            mode: password
          devices:
            maxConnections: %d
            connectsPerSecond: %d
            offlineAdmission: %s
          """.formatted(MAX_DEVICE_CONNECTIONS, deviceConnectsPerSecond, offlineAdmission ? "7d" : "0s");
    }
    return """
        clientId: %s
        connections: %d
        credentials:
          mode: password
          username: %s
          passwordEnv: %s
        """.formatted(CLIENT_ID, CONNECTIONS, credentials.username(), PASSWORD_ENV);
  }

  private int launch() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(UnitJvmOptions.environment());
    env.put(PASSWORD_ENV, credentials.password());
    process = GatewayProcess.start(dir, env, jvmOptions, "run", "--config", config.toString());
    int port = process.awaitListener("lan");
    long pid = process.pid();
    if (!perDevice()) {
      Ports.awaitUpstream(simulator, this::ours, CONNECTIONS,
          () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), this::output);
    }
    return port;
  }

  @Override
  public void kill() throws Exception {
    process.kill();
    process.close();
    process = null;
  }

  @Override
  public void restart() throws Exception {
    // the killed process's upstream connections are gone before the new one's are counted
    Ports.awaitNoUpstream(simulator, this::ours);
    launch();
  }

  private String output() {
    try {
      return process.output();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws Exception {
    if (process != null) {
      process.kill(); // what its spool still holds is thrown away with it
      process.close();
      process = null;
    }
    if (dir != null) {
      Ports.deleteRecursively(dir);
      dir = null;
    }
  }
}
