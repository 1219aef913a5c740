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
  private static final String PASSWORD_ENV = "EDGE_BENCH_COGNITO_PASSWORD";

  private final IotCoreSimulator simulator;
  private final BenchCredentials credentials;
  private final List<String> jvmOptions;
  private Path dir;
  private Path config;
  private GatewayProcess process;

  /** Run as the systemd unit runs it: its JVM options and environment. */
  GatewaySide(IotCoreSimulator simulator, BenchCredentials credentials) throws java.io.IOException {
    this(simulator, credentials, UnitJvmOptions.read());
  }

  GatewaySide(IotCoreSimulator simulator, BenchCredentials credentials, List<String> jvmOptions) {
    this.simulator = simulator;
    this.credentials = credentials;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  @Override
  public String name() {
    return "edge-gateway";
  }

  @Override
  public String upstreamPrefix() {
    return "dt/" + BenchCredentials.GATEWAY_ID + "/gw/";
  }

  @Override
  public int start(int qos, int port) throws Exception {
    close();
    // the previous process's upstream connections are gone before this one's are counted
    Ports.awaitNoUpstream(simulator, id -> id.startsWith(CLIENT_ID));
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
          clientId: %s
          connections: %d
          credentials:
            mode: password
            username: %s
            passwordEnv: %s
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
        credentials.authorizer(), CLIENT_ID, CONNECTIONS, credentials.username(), PASSWORD_ENV,
        dir.resolve("spool").toAbsolutePath(), upstreamPrefix(), qos));
    return launch();
  }

  private int launch() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(UnitJvmOptions.environment());
    env.put(PASSWORD_ENV, credentials.password());
    process = GatewayProcess.start(dir, env, jvmOptions, "run", "--config", config.toString());
    int port = process.awaitListener("lan");
    long pid = process.pid();
    Ports.awaitUpstream(simulator, id -> id.startsWith(CLIENT_ID), CONNECTIONS,
        () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), this::output);
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
    Ports.awaitNoUpstream(simulator, id -> id.startsWith(CLIENT_ID));
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
