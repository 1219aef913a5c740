package io.edgegateway.config;

import static io.edgegateway.config.ConfigTesting.parse;
import static io.edgegateway.config.ConfigTesting.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentOverridesTest {

  private static final String FILE = """
      gatewayId: from-file
      listeners:
        - name: lan
          port: 1883
      limits:
        maxConnections: 10
      """;

  @Test
  void aVariableWinsOverTheFile() {
    GatewayConfig config = parse(FILE, Map.of(
        "EDGE_GATEWAY_GATEWAY_ID", "from-env",
        "EDGE_GATEWAY_LIMITS_MAX_CONNECTIONS", "20",
        "EDGE_GATEWAY_LISTENERS_0_PORT", "2883"));

    assertThat(config.gatewayId()).isEqualTo("from-env");
    assertThat(config.limits().maxConnections()).isEqualTo(20);
    assertThat(config.listeners().get(0).port()).isEqualTo(2883);
    assertThat(config.listeners().get(0).name()).isEqualTo("lan");
  }

  @Test
  void aVariableSetsAKeyTheFileLeavesOut() {
    GatewayConfig config = parse(FILE, Map.of(
        "EDGE_GATEWAY_LIMITS_MAX_INFLIGHT", "7",
        "EDGE_GATEWAY_LIMITS_CONNECT_TIMEOUT", "30s",
        "EDGE_GATEWAY_LISTENERS_0_HOST", "::1"));

    assertThat(config.limits().maxInflight()).isEqualTo(7);
    assertThat(config.limits().maxConnections()).isEqualTo(10);
    assertThat(config.limits().connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.listeners().get(0).host()).isEqualTo("::1");
  }

  @Test
  void aVariableSetsAKeyOfASectionTheFileLeavesOut() {
    GatewayConfig config = parse(FILE, Map.of(
        "EDGE_GATEWAY_LOG_LEVEL", "TRACE",
        "EDGE_GATEWAY_SESSIONS_MAX_SESSION_EXPIRY", "2h",
        "EDGE_GATEWAY_AUTH_ACL_FILE", "pom.xml"));

    assertThat(config.log().level()).isEqualTo("trace");
    assertThat(config.sessions().maxSessionExpiry()).isEqualTo(Duration.ofHours(2));
    assertThat(config.auth().aclFile()).isEqualTo(Path.of("pom.xml"));
  }

  @Test
  void variablesAddressTheDefaultListenerWhenTheFileHasNoListeners() throws Exception {
    Path cert = TlsFiles.certificate();
    Path key = TlsFiles.privateKey();

    GatewayConfig config = parse("", Map.of(
        "EDGE_GATEWAY_LISTENERS_0_TYPE", "tls",
        "EDGE_GATEWAY_LISTENERS_0_TLS_CERT_FILE", cert.toString(),
        "EDGE_GATEWAY_LISTENERS_0_TLS_KEY_FILE", key.toString()));

    assertThat(config.listeners()).containsExactly(
        new ListenerConfig("tls-8883", ListenerType.TLS, "127.0.0.1", 8883, true, new TlsConfig(cert, key, null, false)));
  }

  @Test
  void aVariableAddressesAnyExistingListElement() {
    GatewayConfig config = parse("""
        listeners:
          - name: a
          - name: b
            port: 1884
        """, Map.of("EDGE_GATEWAY_LISTENERS_1_PORT", "1999", "EDGE_GATEWAY_LISTENERS_1_ALLOW_ANONYMOUS", "false",
        "EDGE_GATEWAY_AUTH_PASSWORD_FILE", "pom.xml"));

    assertThat(config.listeners()).extracting(ListenerConfig::port).containsExactly(1883, 1999);
    assertThat(config.listeners()).extracting(ListenerConfig::allowAnonymous).containsExactly(true, false);
  }

  @Test
  void anEmptyOrNullVariableUnsetsTheKey() {
    GatewayConfig config = parse("auth:\n  aclFile: pom.xml\nlimits:\n  maxInflight: 3\n",
        Map.of("EDGE_GATEWAY_AUTH_ACL_FILE", "", "EDGE_GATEWAY_LIMITS_MAX_INFLIGHT", "~"));

    assertThat(config.auth().aclFile()).isNull();
    assertThat(config.limits().maxInflight()).isEqualTo(32);
  }

  @Test
  void aBadValueNamesTheVariableAndTheKey() {
    assertThat(problems(FILE, Map.of("EDGE_GATEWAY_LIMITS_MAX_CONNECTIONS", "abc"))).containsExactly(
        "environment EDGE_GATEWAY_LIMITS_MAX_CONNECTIONS: limits.maxConnections: must be an integer, got \"abc\"");
    assertThat(problems(FILE, Map.of("EDGE_GATEWAY_LISTENERS_0_PORT", "65536"))).containsExactly(
        "environment EDGE_GATEWAY_LISTENERS_0_PORT: listeners[0].port: must be between 0 and 65535, got 65536");
  }

  @Test
  void anOverrideReplacesABadFileValueWithoutComplaint() {
    GatewayConfig config = parse("limits:\n  maxInflight: [1, 2]\n", Map.of("EDGE_GATEWAY_LIMITS_MAX_INFLIGHT", "9"));

    assertThat(config.limits().maxInflight()).isEqualTo(9);
  }

  @Test
  void anUnknownVariableIsAnErrorWithASuggestion() {
    assertThat(problems(FILE, Map.of("EDGE_GATEWAY_LIMITS_MAX_CONECTIONS", "5"))).containsExactly(
        "environment EDGE_GATEWAY_LIMITS_MAX_CONECTIONS: names no configuration setting; "
            + "did you mean EDGE_GATEWAY_LIMITS_MAX_CONNECTIONS?");
    assertThat(problems(FILE, Map.of("EDGE_GATEWAY_COLOUR", "blue"))).containsExactly(
        "environment EDGE_GATEWAY_COLOUR: names no configuration setting");
  }

  @Test
  void aVariableForAMissingListElementSaysSo() {
    assertThat(problems(FILE, Map.of("EDGE_GATEWAY_LISTENERS_1_PORT", "1884"))).containsExactly(
        "environment EDGE_GATEWAY_LISTENERS_1_PORT: listeners[1] does not exist: listeners has 1 element, "
            + "and environment variables can only override elements that exist");
  }

  @Test
  void aVariableForAWholeSectionSaysToSetItsKeys() {
    assertThat(problems(FILE, Map.of("EDGE_GATEWAY_LIMITS", "x"))).containsExactly(
        "environment EDGE_GATEWAY_LIMITS: names limits, which holds several settings; set them one by one, "
            + "such as EDGE_GATEWAY_LIMITS_MAX_CONNECTIONS");
  }

  @Test
  void theLaunchersReservedVariablesAndOtherVariablesAreIgnored() {
    assertThat(ConfigLoader.RESERVED_ENVIRONMENT_VARIABLES)
        .containsExactlyInAnyOrder("EDGE_GATEWAY_CONFIG", "EDGE_GATEWAY_OPTS");

    GatewayConfig config = parse(FILE, Map.of(
        "EDGE_GATEWAY_CONFIG", "/etc/edge-gateway/gateway.yaml",
        "EDGE_GATEWAY_OPTS", "-Xmx64m",
        "EDGE_GATEWAY", "not a key either, but without the prefix's underscore",
        "PATH", "/usr/bin",
        "edge_gateway_log_level", "lower case is not ours"));

    assertThat(config.gatewayId()).isEqualTo("from-file");
    assertThat(config.log().level()).isEqualTo("info");
  }

  @Test
  void variableNamesFollowTheKeyPath() {
    assertThat(EnvironmentNames.upperSnake("maxClientIdLength")).isEqualTo("MAX_CLIENT_ID_LENGTH");
    assertThat(EnvironmentNames.upperSnake("gatewayId")).isEqualTo("GATEWAY_ID");
    assertThat(EnvironmentNames.upperSnake("caFile")).isEqualTo("CA_FILE");
    assertThat(EnvironmentNames.upperSnake("level")).isEqualTo("LEVEL");
  }
}
