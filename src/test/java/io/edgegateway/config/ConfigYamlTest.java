package io.edgegateway.config;

import static io.edgegateway.config.ConfigTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigYamlTest {

  @TempDir
  Path dir;

  @Test
  void everyKeyIsReadFromTheFile() throws Exception {
    Path cert = Files.writeString(dir.resolve("server.crt"), TlsFiles.CERTIFICATE);
    Path key = Files.writeString(dir.resolve("server.key"), TlsFiles.PRIVATE_KEY);
    Path ca = Files.writeString(dir.resolve("ca.crt"), TlsFiles.CERTIFICATE);
    Path passwd = Files.writeString(dir.resolve("passwd"), "device1:$7$x\n");
    Path acl = Files.writeString(dir.resolve("acl"), "topic readwrite #\n");
    String yaml = """
        gatewayId: pi-kitchen_01
        listeners:
          - name: lan
            type: tls
            host: 0.0.0.0
            port: 18883
            allowAnonymous: false
            tls:
              certFile: %s
              keyFile: %s
              caFile: %s
              requireClientCert: true
          - name: browsers
            type: ws
            host: "::"
            port: 9001
            allowAnonymous: true
        auth:
          passwordFile: %s
          aclFile: %s
        limits:
          maxConnections: 50
          maxPacketSize: 256KiB
          maxClientIdLength: 64
          connectTimeout: 1500ms
          maxInflight: 16
          maxPublishRate: 0
          maxKeepAlive: 1h
          maxSubscriptions: 20
          maxPendingWriteBytes: 2MiB
        sessions:
          maxQueuedMessages: 0
          maxSessionExpiry: 7d
          maxRetainedMessages: 500
          maxQueuedBytes: 2MiB
          maxRetainedBytes: 0
          maxSessions: 77
        log:
          level: DEBUG
        """.formatted(cert, key, ca, passwd, acl);

    GatewayConfig config = parse(yaml);

    assertThat(config.gatewayId()).isEqualTo("pi-kitchen_01");
    assertThat(config.listeners()).containsExactly(
        new ListenerConfig("lan", ListenerType.TLS, "0.0.0.0", 18883, false, new TlsConfig(cert, key, ca, true)),
        new ListenerConfig("browsers", ListenerType.WS, "::", 9001, true, null));
    assertThat(config.auth()).isEqualTo(new AuthConfig(passwd, acl));
    assertThat(config.limits()).isEqualTo(new LimitsConfig(50, 262_144, 64, Duration.ofMillis(1500), 16, 0,
        Duration.ofHours(1), 20, 2_097_152));
    assertThat(config.sessions()).isEqualTo(new SessionConfig(0, Duration.ofDays(7), 500, 2 << 20, 0, 77));
    assertThat(config.log().level()).isEqualTo("debug");
  }

  @Test
  void sizesAcceptPlainBytesAndEveryBinaryUnit() {
    GatewayConfig config = parse("""
        limits:
          maxPacketSize: 2048
          maxPendingWriteBytes: 1GiB
        """);

    assertThat(config.limits().maxPacketSize()).isEqualTo(2048);
    assertThat(config.limits().maxPendingWriteBytes()).isEqualTo(1 << 30);
    assertThat(parse("limits:\n  maxPacketSize: 4096B\n").limits().maxPacketSize()).isEqualTo(4096);
    assertThat(parse("limits:\n  maxPacketSize: 268435455\n").limits().maxPacketSize()).isEqualTo(268_435_455);
  }

  @Test
  void durationsAcceptEveryUnitAndTheirBounds() {
    assertThat(parse("limits:\n  connectTimeout: 5m\n").limits().connectTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(parse("limits:\n  maxKeepAlive: 65535s\n").limits().maxKeepAlive())
        .isEqualTo(Duration.ofSeconds(65_535));
    assertThat(parse("sessions:\n  maxSessionExpiry: 0s\n").sessions().maxSessionExpiry()).isZero();
    assertThat(parse("sessions:\n  maxSessionExpiry: 365d\n").sessions().maxSessionExpiry())
        .isEqualTo(Duration.ofDays(365));
  }

  @Test
  void quotedNumbersAreReadByTheirText() {
    assertThat(parse("limits:\n  maxInflight: \"8\"\n").limits().maxInflight()).isEqualTo(8);
  }

  @Test
  void relativePathsAreKeptAsWrittenAndResolveAgainstTheWorkingDirectory() {
    // Tests run in the project root, where pom.xml is.
    GatewayConfig config = parse("auth:\n  aclFile: pom.xml\n");

    assertThat(config.auth().aclFile()).isEqualTo(Path.of("pom.xml"));
  }

  @Test
  void portZeroMeansAnyFreePortAndMayRepeat() {
    GatewayConfig config = parse("""
        listeners:
          - name: a
            port: 0
          - name: b
            port: 0
        """);

    assertThat(config.listeners()).extracting(ListenerConfig::port).containsExactly(0, 0);
  }

  @Test
  void aliasesAreFollowed() {
    GatewayConfig config = parse("""
        listeners:
          - &base
            name: one
            port: 2001
        limits: {maxInflight: 4, maxSubscriptions: 4}
        """);

    assertThat(config.listeners().get(0).port()).isEqualTo(2001);
    assertThat(config.limits().maxSubscriptions()).isEqualTo(4);
  }

  @Test
  void loadReadsTheFileAndNamesItInMessages() throws Exception {
    Path file = Files.writeString(dir.resolve("gateway.yaml"), "gatewayId: from-file\n");
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "\n\nlimits:\n  maxInflight: 0\n");

    assertThat(ConfigLoader.load(file, Map.of()).gatewayId()).isEqualTo("from-file");
    assertThatThrownBy(() -> ConfigLoader.load(broken, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(broken + ":4: limits.maxInflight: must be between 1 and 65535, got 0");
  }

  @Test
  void aMissingFileIsAConfigExceptionNamingThePath() {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": configuration file not found");
  }

  @Test
  void aDirectoryOrInvalidUtf8IsAConfigExceptionNamingThePath() throws Exception {
    Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

    assertThatThrownBy(() -> ConfigLoader.load(dir, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(dir + ": cannot read the configuration file");
    assertThatThrownBy(() -> ConfigLoader.load(latin1, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(latin1 + ": the configuration file is not valid UTF-8 text");
  }
}
