package io.edgegateway.testing;

import io.edgegateway.config.AuthConfig;
import io.edgegateway.config.GatewayConfig;
import io.edgegateway.config.LimitsConfig;
import io.edgegateway.config.ListenerConfig;
import io.edgegateway.config.ListenerType;
import io.edgegateway.config.LogConfig;
import io.edgegateway.config.SessionConfig;
import io.edgegateway.config.SpoolConfig;
import io.edgegateway.spool.Durability;
import io.edgegateway.spool.OverflowPolicy;
import io.edgegateway.config.TlsConfig;
import io.edgegateway.config.UpstreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** Gateway configurations for tests: loopback listeners on free ports, production defaults otherwise. */
public final class TestConfigs {

  private TestConfigs() {
  }

  public static LimitsConfig defaultLimits() {
    return new LimitsConfig(1000, 131_072, 128, Duration.ofSeconds(10), 32, 0, Duration.ofMinutes(20), 100,
        1 << 20);
  }

  public static SessionConfig defaultSessions() {
    return new SessionConfig(1000, Duration.ofHours(24), 10_000, 32 << 20, 16 << 20, 10_000);
  }

  public static ListenerConfig tcp(String name, boolean allowAnonymous) {
    return new ListenerConfig(name, ListenerType.TCP, "127.0.0.1", 0, allowAnonymous, null);
  }

  public static ListenerConfig tls(String name, ListenerType type, Path cert, Path key, boolean allowAnonymous) {
    return new ListenerConfig(name, type, "127.0.0.1", 0, allowAnonymous, new TlsConfig(cert, key, null, false));
  }

  /** No upstream endpoint: the gateway is local only. */
  public static final UpstreamConfig LOCAL_ONLY = new UpstreamConfig(null, 443, null, null, "test-gateway", 1,
      Duration.ofMinutes(1), 10_000, null, new UpstreamConfig.QuotaConfig(100, 512 * 1024, 100),
      new UpstreamConfig.ReconnectConfig(Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofMinutes(5)));

  /** The default spool bounds in a placeholder directory (a local-only gateway does not open it). */
  public static final SpoolConfig SPOOL = new SpoolConfig(Path.of("target", "test-spool"), 1_000_000,
      256L << 20, Duration.ofDays(7), OverflowPolicy.REFUSE_NEW, Duration.ofMillis(100), Durability.FULL);

  /** One anonymous TCP listener named "lan" on a free loopback port. */
  public static GatewayConfig anonymous() {
    return new GatewayConfig("test-gateway", List.of(tcp("lan", true)), new AuthConfig(null, null),
        defaultLimits(), defaultSessions(), new LogConfig("info"), LOCAL_ONLY, SPOOL, List.of(), List.of());
  }

  public static GatewayConfig withLimits(UnaryOperator<LimitsBuilder> change) {
    GatewayConfig c = anonymous();
    return new GatewayConfig(c.gatewayId(), c.listeners(), c.auth(), change.apply(new LimitsBuilder()).build(),
        c.sessions(), c.log(), c.upstream(), c.spool(), c.forward(), c.downlink());
  }

  public static GatewayConfig with(List<ListenerConfig> listeners, AuthConfig auth) {
    GatewayConfig c = anonymous();
    return new GatewayConfig(c.gatewayId(), listeners, auth, c.limits(), c.sessions(), c.log(), c.upstream(), c.spool(), c.forward(), c.downlink());
  }

  public static GatewayConfig withSessions(SessionConfig sessions) {
    GatewayConfig c = anonymous();
    return new GatewayConfig(c.gatewayId(), c.listeners(), c.auth(), c.limits(), sessions, c.log(), c.upstream(), c.spool(), c.forward(), c.downlink());
  }

  /** Mutable builder over the default limits. */
  public static final class LimitsBuilder {
    public int maxConnections = 1000;
    public int maxPacketSize = 131_072;
    public int maxClientIdLength = 128;
    public Duration connectTimeout = Duration.ofSeconds(10);
    public int maxInflight = 32;
    public int maxPublishRate = 0;
    public Duration maxKeepAlive = Duration.ofMinutes(20);
    public int maxSubscriptions = 100;
    public int maxPendingWriteBytes = 1 << 20;

    public LimitsBuilder maxConnections(int v) {
      maxConnections = v;
      return this;
    }

    public LimitsBuilder maxPacketSize(int v) {
      maxPacketSize = v;
      return this;
    }

    public LimitsBuilder maxClientIdLength(int v) {
      maxClientIdLength = v;
      return this;
    }

    public LimitsBuilder connectTimeout(Duration v) {
      connectTimeout = v;
      return this;
    }

    public LimitsBuilder maxInflight(int v) {
      maxInflight = v;
      return this;
    }

    public LimitsBuilder maxPublishRate(int v) {
      maxPublishRate = v;
      return this;
    }

    public LimitsBuilder maxKeepAlive(Duration v) {
      maxKeepAlive = v;
      return this;
    }

    public LimitsBuilder maxSubscriptions(int v) {
      maxSubscriptions = v;
      return this;
    }

    public LimitsBuilder maxPendingWriteBytes(int v) {
      maxPendingWriteBytes = v;
      return this;
    }

    LimitsConfig build() {
      return new LimitsConfig(maxConnections, maxPacketSize, maxClientIdLength, connectTimeout, maxInflight,
          maxPublishRate, maxKeepAlive, maxSubscriptions, maxPendingWriteBytes);
    }
  }
}
