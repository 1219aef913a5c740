package io.edgegateway.config;

import static io.edgegateway.config.ConfigTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigDefaultsTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "# only a comment\n", "~\n", "---\n", "limits:\nsessions: ~\nauth: null\nlog:\n"})
  void emptyFileOrEmptySectionsGiveEveryDefault(String yaml) {
    GatewayConfig config = parse(yaml);

    assertThat(config.gatewayId()).isEqualTo("edge-gateway");
    assertThat(config.listeners()).containsExactly(
        new ListenerConfig("tcp-1883", ListenerType.TCP, "127.0.0.1", 1883, true, null));
    assertThat(config.auth()).isEqualTo(new AuthConfig(null, null));
    assertThat(config.limits()).isEqualTo(new LimitsConfig(
        1000, 131_072, 128, Duration.ofSeconds(10), 32, 1000, Duration.ofMinutes(20), 100, 1_048_576));
    assertThat(config.sessions()).isEqualTo(new SessionConfig(1000, Duration.ofHours(24), 10_000, 32 << 20, 16 << 20, 10_000));
    assertThat(config.log()).isEqualTo(new LogConfig("info"));
    assertThat(config.upstream().identity()).isEqualTo(UpstreamConfig.Identity.GATEWAY);
    assertThat(config.upstream().devices()).isEqualTo(new UpstreamConfig.DevicesConfig(
        200, 50, 50, Duration.ofSeconds(10), Duration.ofDays(7)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp:1883", "tls:8883", "ws:8080", "wss:8443"})
  void portAndNameDefaultFromTheType(String typeAndPort) throws Exception {
    String type = typeAndPort.split(":")[0];
    int port = Integer.parseInt(typeAndPort.split(":")[1]);
    String tls = type.equals("tls") || type.equals("wss") ? TlsFiles.tlsSection("    ") : "";

    ListenerConfig listener = parse("listeners:\n  - type: " + type + "\n" + tls).listeners().get(0);

    assertThat(listener.port()).isEqualTo(port);
    assertThat(listener.name()).isEqualTo(type + "-" + port);
    assertThat(listener.host()).isEqualTo("127.0.0.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.10.20.30", "::1", "0:0:0:0:0:0:0:1", "localhost", "LOCALHOST"})
  void anonymousAccessDefaultsToTrueOnLoopback(String host) {
    ListenerConfig listener = parse("listeners:\n  - host: \"" + host + "\"\n").listeners().get(0);

    assertThat(listener.allowAnonymous()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "fe80::1", "gateway.local", "128.0.0.1"})
  void anonymousAccessDefaultsToFalseOffLoopback(String host) throws Exception {
    String yaml = "listeners:\n  - host: \"" + host + "\"\nauth:\n  passwordFile: " + TlsFiles.passwordFile() + "\n";

    ListenerConfig listener = parse(yaml).listeners().get(0);

    assertThat(listener.allowAnonymous()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "True", "TRUE"})
  void anExplicitAllowAnonymousWinsOverTheHostDefault(String value) {
    ListenerConfig listener = parse("listeners:\n  - host: 0.0.0.0\n    allowAnonymous: " + value + "\n")
        .listeners().get(0);

    assertThat(listener.allowAnonymous()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void anExplicitFalseOnLoopbackIsKept() throws Exception {
    String yaml = "listeners:\n  - allowAnonymous: false\nauth:\n  passwordFile: " + TlsFiles.passwordFile() + "\n";

    assertThat(parse(yaml).listeners().get(0).allowAnonymous()).isFalse();
  }
}
