package io.edgegateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration file shipped in config/ (tests run in the project root). */
class ShippedConfigTest {

  private static final Path SHIPPED = Path.of("config/gateway.yaml");

  @Test
  void theShippedFileLoadsAndEqualsTheDefaults() {
    GatewayConfig shipped = ConfigLoader.load(SHIPPED, Map.of());
    GatewayConfig defaults = ConfigLoader.parse("", "empty", Map.of());

    assertThat(shipped.listeners()).containsExactly(
        new ListenerConfig("local", ListenerType.TCP, "127.0.0.1", 1883, true, null));
    assertThat(shipped.gatewayId()).isEqualTo(defaults.gatewayId());
    assertThat(shipped.auth()).isEqualTo(defaults.auth());
    assertThat(shipped.limits()).isEqualTo(defaults.limits());
    assertThat(shipped.sessions()).isEqualTo(defaults.sessions());
    assertThat(shipped.spool()).isEqualTo(defaults.spool());
    assertThat(shipped.log()).isEqualTo(defaults.log());
    assertThat(shipped.upstream()).isEqualTo(defaults.upstream());
    assertThat(shipped.upstream().enabled()).isFalse();
    assertThat(shipped.forward()).isEmpty();
    assertThat(shipped.downlink()).isEmpty();
    assertThat(shipped.ops()).isEqualTo(defaults.ops());
  }

  @Test
  void theShippedFileStartsWithoutWarnings() {
    assertThat(ConfigLoader.loadWithWarnings(SHIPPED, Map.of()).warnings()).isEmpty();
  }

  @Test
  void theCommentedRulesAndCognitoSectionLoadOnceUncommented() throws Exception {
    String uncommented = Files.readString(SHIPPED)
        .replaceAll("(?m)^(forward|downlink): \\[\\]\n", "")
        .replaceAll("(?m)^# ((forward|downlink):|  - |    )", "$1")
        .replaceAll("(?m)^    # (cognito:|  )", "    $1")
        .replace("clientSecretFile: cognito-client-secret", "clientSecretEnv: CLIENT_SECRET");

    GatewayConfig config = ConfigLoader.parse(uncommented, "uncommented", Map.of(
        "EDGE_GATEWAY_UPSTREAM_ENDPOINT", "abc123example-ats.iot.eu-west-1.amazonaws.com",
        "EDGE_GATEWAY_UPSTREAM_CREDENTIALS_MODE", "token",
        "EDGE_GATEWAY_UPSTREAM_CREDENTIALS_USERNAME", "gateway-1",
        "EDGE_GATEWAY_UPSTREAM_CREDENTIALS_PASSWORD_ENV", "COGNITO_PASSWORD",
        "COGNITO_PASSWORD", "p",
        "CLIENT_SECRET", "s"));

    assertThat(config.forward()).extracting(ForwardRuleConfig::filter).containsExactly("sensors/#", "meters/+/reading");
    assertThat(config.downlink()).extracting(DownlinkRuleConfig::topic).containsExactly("commands/${topic[2:]}");
    assertThat(config.upstream().credentials().cognito().region()).isEqualTo("eu-west-1");
    assertThat(config.router().forwardRules()).hasSize(2);
  }

  @Test
  void theShippedFileShowsTheIdentityAndTheDevicesSection() throws Exception {
    String text = Files.readString(SHIPPED);

    assertThat(text).containsPattern("(?m)^  identity: gateway$");
    for (String key : new String[] {"maxConnections: 200", "connectsPerSecond: 50", "signInsPerSecond: 50",
        "connectTimeout: 10s", "offlineAdmission: 7d"}) {
      assertThat(text).containsPattern("(?m)^    " + key + "( |$)");
    }
  }

  @Test
  void theShippedFileSwitchesToDeviceIdentityByItsIdentityAndEndpointAlone() throws Exception {
    String device = Files.readString(SHIPPED).replace("  identity: gateway\n", "  identity: device\n");
    Map<String, String> endpoint = Map.of("EDGE_GATEWAY_UPSTREAM_ENDPOINT", "abc123example-ats.iot.eu-west-1.amazonaws.com");

    GatewayConfig config = ConfigLoader.parse(device, "device", endpoint);

    assertThat(config.upstream().perDevice()).isTrue();
    assertThat(config.upstream().devices()).isEqualTo(UpstreamConfig.DevicesConfig.DEFAULTS);
    assertThat(ConfigTesting.problems(device.replaceAll("(?m)^  connections: 1 ", "  connections: 2 "), endpoint))
        .singleElement().asString()
        .matches("gw.yaml:\\d+: upstream.connections: is not used with upstream.identity: device: .*");
  }

  @Test
  void theShippedFileLeavesAnonymousAccessToTheLoopbackRule() throws Exception {
    assertThat(Files.readString(SHIPPED)).doesNotContainPattern("(?m)^\\s*allowAnonymous:");
  }

  @Test
  void theCommentedExamplesLoadOnceUncommented() throws Exception {
    Path cert = TlsFiles.certificate();
    Path key = TlsFiles.privateKey();
    Path passwd = TlsFiles.passwordFile();
    String uncommented = Files.readString(SHIPPED)
        .replaceAll("(?m)^  # (- name|  )", "  $1")
        .replace("/etc/edge-gateway/tls/server.crt", cert.toString())
        .replace("/etc/edge-gateway/tls/server.key", key.toString())
        .replace("passwordFile: null", "passwordFile: " + passwd);

    GatewayConfig config = ConfigLoader.parse(uncommented, "uncommented", Map.of());

    assertThat(config.listeners()).extracting(ListenerConfig::name).containsExactly("local", "lan", "browsers");
    assertThat(config.listeners().get(1).tls()).isEqualTo(new TlsConfig(cert, key, null, false));
    assertThat(config.listeners().get(1).allowAnonymous()).isFalse();
    assertThat(config.listeners().get(2).type()).isEqualTo(ListenerType.WS);
  }
}
