package io.edgegateway.upstream;

import io.edgegateway.Gateway;
import io.edgegateway.config.AuthConfig;
import io.edgegateway.config.CredentialsConfig;
import io.edgegateway.config.DownlinkRuleConfig;
import io.edgegateway.config.ForwardRuleConfig;
import io.edgegateway.config.GatewayConfig;
import io.edgegateway.config.Secret;
import io.edgegateway.config.SpoolConfig;
import io.edgegateway.config.UpstreamConfig;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.testing.TestConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** A gateway whose upstream is an IoT Core simulator, configured as an operator would configure it. */
public final class UpstreamGateway {

  public static final String AUTHORIZER = "gw-auth";
  public static final String CLIENT_ID = "gw-1";

  private UpstreamGateway() {
  }

  /** The gateway's upstream pointed at the simulator, in password mode with {@code username}/{@code password}. */
  public static UpstreamConfig upstream(IotCoreSimulator simulator, CredentialsConfig credentials) {
    return upstream(simulator, credentials, CLIENT_ID, 1, 10_000);
  }

  /** The same with the client id, the number of connections and the link's queue bound chosen. */
  public static UpstreamConfig upstream(IotCoreSimulator simulator, CredentialsConfig credentials, String clientId,
      int connections, int maxQueued) {
    return new UpstreamConfig("localhost", simulator.port(), simulator.tls().ca(), AUTHORIZER, clientId,
        connections, Duration.ofSeconds(60), maxQueued, credentials, new UpstreamConfig.QuotaConfig(100, 512 * 1024, 100),
        new UpstreamConfig.ReconnectConfig(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(5)));
  }

  /**
   * The same upstream as a {@code upstream:} section of a configuration file, for a gateway run as a
   * process: password mode as user {@code gw1}, the password read from the environment variable
   * {@code passwordEnv}. Reconnecting starts at 1 s, the least a file may ask for.
   */
  public static String upstreamYaml(IotCoreSimulator simulator, String passwordEnv, String clientId,
      int connections, int maxQueued) {
    return """
        upstream:
          endpoint: localhost
          port: %d
          caFile: "%s"
          authorizerName: %s
          clientId: %s
          connections: %d
          maxQueuedMessages: %d
          credentials:
            mode: password
            username: gw1
            passwordEnv: %s
          reconnect:
            minDelay: 1s
            maxDelay: 2s
        """.formatted(simulator.port(), simulator.tls().ca().toAbsolutePath(), AUTHORIZER, clientId, connections,
        maxQueued, passwordEnv);
  }

  public static CredentialsConfig password(String username, String password) {
    return new CredentialsConfig(CredentialsConfig.Mode.PASSWORD, username, new Secret("test", password), null);
  }

  /** A gateway with its spool in a new temporary directory. */
  public static GatewayConfig config(UpstreamConfig upstream, Path aclFile, List<ForwardRuleConfig> forward,
      List<DownlinkRuleConfig> downlink, UnaryOperator<TestConfigs.LimitsBuilder> limits) {
    try {
      return config(upstream, aclFile, forward, downlink, limits,
          TestConfigs.SPOOL.withDirectory(
          Files.createTempDirectory(Files.createDirectories(Path.of("target", "spools")), "spool")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static GatewayConfig config(UpstreamConfig upstream, Path aclFile, List<ForwardRuleConfig> forward,
      List<DownlinkRuleConfig> downlink, UnaryOperator<TestConfigs.LimitsBuilder> limits, SpoolConfig spool) {
    GatewayConfig base = TestConfigs.with(List.of(TestConfigs.tcp("lan", true)), new AuthConfig(null, aclFile));
    return new GatewayConfig(base.gatewayId(), base.listeners(), base.auth(), TestConfigs.withLimits(limits).limits(),
        base.sessions(), base.log(), upstream, spool, forward, downlink);
  }

  public static Gateway start(GatewayConfig config) throws Exception {
    return Fixture.await(Gateway.start(config));
  }

  /** Completes with the first status of any upstream connection in {@code state}, now or later. */
  public static CompletableFuture<LinkStatus> reached(Gateway gateway, LinkState state) {
    CompletableFuture<LinkStatus> reached = new CompletableFuture<>();
    gateway.onUpstreamStateChange(s -> {
      if (s.state() == state) {
        reached.complete(s);
      }
    });
    gateway.upstreamStatus().stream().filter(s -> s.state() == state).findFirst().ifPresent(reached::complete);
    return reached;
  }
}
