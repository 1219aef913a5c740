package io.edgegateway.config;

import static io.edgegateway.config.ConfigTesting.parse;
import static io.edgegateway.config.ConfigTesting.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import io.edgegateway.route.LocalDelivery;
import io.edgegateway.route.Router;
import io.edgegateway.route.UpstreamSubscription;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code upstream} section: defaults, every key, and every problem with its key and line. */
class UpstreamConfigTest {

  static final Map<String, String> PASSWORD_ENV = Map.of("COGNITO_PASSWORD", "s3cr3t-Pa55");

  /** An enabled upstream; a test appends keys under {@code upstream:} (2 spaces) from line 6. */
  static final String ENABLED = """
      upstream:
        endpoint: abc123-ats.iot.eu-west-1.amazonaws.com
        credentials:
          username: gateway-1
          passwordEnv: COGNITO_PASSWORD
      """;

  @Test
  void theDefaultIsLocalOnlyWithEveryDefault() {
    UpstreamConfig upstream = parse("").upstream();

    assertThat(upstream.enabled()).isFalse();
    assertThat(upstream.endpoint()).isNull();
    assertThat(upstream.port()).isEqualTo(443);
    assertThat(upstream.caFile()).isNull();
    assertThat(upstream.authorizerName()).isNull();
    assertThat(upstream.clientId()).isEqualTo("edge-gateway");
    assertThat(upstream.connections()).isEqualTo(1);
    assertThat(upstream.keepAlive()).isEqualTo(Duration.ofMinutes(5));
    assertThat(upstream.maxQueuedMessages()).isEqualTo(10_000);
    assertThat(upstream.credentials())
        .isEqualTo(new CredentialsConfig(CredentialsConfig.Mode.PASSWORD, null, null, null));
    assertThat(upstream.quota()).isEqualTo(new UpstreamConfig.QuotaConfig(100, 512 * 1024, 100));
    assertThat(upstream.reconnect()).isEqualTo(new UpstreamConfig.ReconnectConfig(
        Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofMinutes(5)));
    assertThat(upstream.identity()).isEqualTo(UpstreamConfig.Identity.GATEWAY);
    assertThat(upstream.perDevice()).isFalse();
    assertThat(upstream.devices()).isEqualTo(new UpstreamConfig.DevicesConfig(
        200, 50, 50, Duration.ofSeconds(10), Duration.ofDays(7)));
    assertThat(parse("").forward()).isEmpty();
    assertThat(parse("").downlink()).isEmpty();
  }

  @Test
  void everyKeyIsRead() throws Exception {
    java.nio.file.Path ca = TlsFiles.certificate();
    GatewayConfig config = parse("""
        gatewayId: kitchen-pi
        upstream:
          endpoint: abc123-ats.iot.eu-west-1.amazonaws.com
          port: 8443
          caFile: %s
          authorizerName: gateway-authorizer
          clientId: kitchen-link
          connections: 3
          keepAlive: 20m
          maxQueuedMessages: 500
          credentials:
            mode: TOKEN
            username: gateway-1
            passwordEnv: COGNITO_PASSWORD
            cognito:
              region: eu-west-1
              clientId: 4example5client6id
              endpoint: http://127.0.0.1:9229
              tokenUse: access
              refreshBefore: 10m
          quota:
            publishesPerSecond: 50
            bytesPerSecond: 256KiB
            maxInflight: 20
          reconnect:
            minDelay: 2s
            maxDelay: 1m
            deniedDelay: 10m
        """.formatted(ca), PASSWORD_ENV);
    UpstreamConfig upstream = config.upstream();

    assertThat(upstream.enabled()).isTrue();
    assertThat(upstream.endpoint()).isEqualTo("abc123-ats.iot.eu-west-1.amazonaws.com");
    assertThat(upstream.port()).isEqualTo(8443);
    assertThat(upstream.caFile()).isEqualTo(ca);
    assertThat(upstream.authorizerName()).isEqualTo("gateway-authorizer");
    assertThat(upstream.clientId(0)).isEqualTo("kitchen-link");
    assertThat(upstream.clientId(2)).isEqualTo("kitchen-link-2");
    assertThat(upstream.connections()).isEqualTo(3);
    assertThat(upstream.keepAlive()).isEqualTo(Duration.ofMinutes(20));
    assertThat(upstream.maxQueuedMessages()).isEqualTo(500);
    CredentialsConfig credentials = upstream.credentials();
    assertThat(credentials.mode()).isEqualTo(CredentialsConfig.Mode.TOKEN);
    assertThat(credentials.username()).isEqualTo("gateway-1");
    assertThat(credentials.password().reveal()).isEqualTo("s3cr3t-Pa55");
    assertThat(credentials.password().origin()).isEqualTo("environment COGNITO_PASSWORD");
    assertThat(credentials.cognito()).isEqualTo(new CredentialsConfig.CognitoConfig("eu-west-1", "4example5client6id",
        null, URI.create("http://127.0.0.1:9229"), "access", Duration.ofMinutes(10)));
    assertThat(upstream.quota()).isEqualTo(new UpstreamConfig.QuotaConfig(50, 256 * 1024, 20));
    assertThat(upstream.reconnect()).isEqualTo(new UpstreamConfig.ReconnectConfig(
        Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMinutes(10)));
  }

  @Test
  void theClientIdDefaultsToTheGatewayId() {
    assertThat(parse("gatewayId: kitchen-pi\n" + ENABLED, PASSWORD_ENV).upstream().clientId()).isEqualTo("kitchen-pi");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      port: 0                   | upstream.port: must be between 1 and 65535, got 0
      caFile: /nonexistent/ca.pem | upstream.caFile: file not found: /nonexistent/ca.pem
      authorizerName: 'a b'     | upstream.authorizerName: must be a custom authorizer name: 1 to 128 letters, digits or _=,@-, got "a b"
      clientId: $gw             | upstream.clientId: must not start with '$', which IoT Core reserves, got "$gw"
      connections: 17           | upstream.connections: must be between 1 and 16, got 17
      connections: 0            | upstream.connections: must be between 1 and 16, got 0
      keepAlive: 29s            | upstream.keepAlive: must be between 30s and 20m, got 29s
      keepAlive: 21m            | upstream.keepAlive: must be between 30s and 20m, got 21m
      maxQueuedMessages: 0      | upstream.maxQueuedMessages: must be between 1 and 10000000, got 0
      quota: {publishesPerSecond: 101} | upstream.quota.publishesPerSecond: must be between 1 and 100, got 101
      quota: {bytesPerSecond: 1MiB} | upstream.quota.bytesPerSecond: must be between 1KiB and 512KiB, got 1MiB
      quota: {maxInflight: 0}   | upstream.quota.maxInflight: must be between 1 and 100, got 0
      reconnect: {minDelay: 500ms} | upstream.reconnect.minDelay: must be between 1s and 1h, got 500ms
      reconnect: {maxDelay: 2h} | upstream.reconnect.maxDelay: must be between 1s and 1h, got 2h
      reconnect: {deniedDelay: 2d} | upstream.reconnect.deniedDelay: must be between 1s and 1d, got 2d
      reconnect: {minDelay: 1m, maxDelay: 30s} | upstream.reconnect.maxDelay: must be at least minDelay (1m), got 30s
      """)
  void badUpstreamValues(String line, String expected) {
    assertThat(problems(ENABLED + "  " + line + "\n", PASSWORD_ENV)).containsExactly("gw.yaml:6: " + expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      https://abc-ats.iot.eu-west-1.amazonaws.com | must be the host name alone, such as abc123example-ats.iot.eu-west-1.amazonaws.com, without a scheme, port or path (the port is upstream.port), got "https://abc-ats.iot.eu-west-1.amazonaws.com"
      abc-ats.iot.eu-west-1.amazonaws.com:443 | must be the host name alone, such as abc123example-ats.iot.eu-west-1.amazonaws.com, without a scheme, port or path (the port is upstream.port), got "abc-ats.iot.eu-west-1.amazonaws.com:443"
      'bad host'      | must be an IP address or a host name, got "bad host"
      """)
  void badEndpoints(String endpoint, String expected) {
    String yaml = ENABLED.replace("abc123-ats.iot.eu-west-1.amazonaws.com", endpoint);
    assertThat(problems(yaml, PASSWORD_ENV)).containsExactly("gw.yaml:2: upstream.endpoint: " + expected);
  }

  @Test
  void aClientIdTooLongForItsConnectionSuffixIsAnError() {
    String id = "c".repeat(126);

    assertThat(parse(ENABLED + "  clientId: " + id + "\n  connections: 10\n", PASSWORD_ENV).upstream().clientId(9))
        .hasSize(128);
    assertThat(problems(ENABLED + "  clientId: " + id + "\n  connections: 11\n", PASSWORD_ENV)).containsExactly(
        "gw.yaml:6: upstream.clientId: with 11 connections the last one's client id is " + id
            + "-10, which is 129 bytes long in UTF-8; IoT Core allows 128");
    assertThat(problems(ENABLED + "  clientId: " + "c".repeat(129) + "\n", PASSWORD_ENV)).containsExactly(
        "gw.yaml:6: upstream.clientId: is 129 bytes long in UTF-8; IoT Core allows 128, got \"" + "c".repeat(129) + "\"");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      mode: cert               | upstream.credentials.mode: must be one of password, token, got "cert"
      """)
  void badCredentialValues(String line, String expected) {
    assertThat(problems(ENABLED + "    " + line + "\n", PASSWORD_ENV)).containsExactly("gw.yaml:6: " + expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      'a b'          | must not contain spaces or control characters, got "a b"
      'gw?x=1'       | must not contain '?': the MQTT username carries the authorizer's parameters after a '?', and the device SDK refuses a username holding one, got "gw?x=1"
      """)
  void badUsernames(String username, String expected) {
    String yaml = ENABLED.replace("username: gateway-1", "username: '" + username + "'");
    assertThat(problems(yaml, PASSWORD_ENV)).containsExactly("gw.yaml:4: upstream.credentials.username: " + expected);
  }

  @Test
  void anEndpointRequiresAUsernameAndAPassword() {
    assertThat(problems("upstream:\n  endpoint: example.com\n")).containsExactly(
        "gw.yaml:2: upstream.credentials.username: is required when upstream.endpoint is set: "
            + "the Cognito username the gateway signs in with",
        "gw.yaml:2: upstream.credentials: the Cognito password is required when upstream.endpoint is set: "
            + "set passwordFile, passwordEnv or password");
    assertThat(problems("upstream:\n  endpoint: example.com\n  credentials:\n    mode: password\n")).containsExactly(
        "gw.yaml:3: upstream.credentials.username: is required when upstream.endpoint is set: "
            + "the Cognito username the gateway signs in with",
        "gw.yaml:3: upstream.credentials: the Cognito password is required when upstream.endpoint is set: "
            + "set passwordFile, passwordEnv or password");
  }

  @Test
  void anEndpointFromTheEnvironmentNamesTheVariableForWhatIsMissing() {
    assertThat(problems("", Map.of("EDGE_GATEWAY_UPSTREAM_ENDPOINT", "example.com"))).containsExactly(
        "environment EDGE_GATEWAY_UPSTREAM_ENDPOINT: upstream.credentials.username: is required when "
            + "upstream.endpoint is set: the Cognito username the gateway signs in with",
        "environment EDGE_GATEWAY_UPSTREAM_ENDPOINT: upstream.credentials: the Cognito password is required when "
            + "upstream.endpoint is set: set passwordFile, passwordEnv or password");
  }

  @Test
  void tokenModeRequiresTheAppClient() {
    assertThat(problems(ENABLED + "    mode: token\n", PASSWORD_ENV)).containsExactly(
        "gw.yaml:3: upstream.credentials.cognito.region: is required in token mode",
        "gw.yaml:3: upstream.credentials.cognito.clientId: is required in token mode");
    assertThat(problems(ENABLED + "    mode: token\n    cognito:\n      tokenUse: id\n", PASSWORD_ENV)).containsExactly(
        "gw.yaml:7: upstream.credentials.cognito.region: is required in token mode",
        "gw.yaml:7: upstream.credentials.cognito.clientId: is required in token mode");
  }

  @Test
  void aCognitoSectionInPasswordModeIsAnError() {
    assertThat(problems(ENABLED + "    cognito:\n      region: eu-west-1\n", PASSWORD_ENV)).containsExactly(
        "gw.yaml:6: upstream.credentials.cognito: is used only in token mode, and upstream.credentials.mode is "
            + "password; set mode: token, or remove this section");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      region: Europe            | upstream.credentials.cognito.region: must be an AWS Region, such as eu-west-1, got "Europe"
      clientId: 'a-b'           | upstream.credentials.cognito.clientId: must be a Cognito app client id: 1 to 128 letters, digits, '_' or '+', got "a-b"
      endpoint: 127.0.0.1:9229  | upstream.credentials.cognito.endpoint: must be an http or https URL, such as http://127.0.0.1:9229, got "127.0.0.1:9229"
      endpoint: 'ftp://x'       | upstream.credentials.cognito.endpoint: must be an http or https URL, such as http://127.0.0.1:9229, got "ftp://x"
      tokenUse: refresh         | upstream.credentials.cognito.tokenUse: must be one of id, access, got "refresh"
      refreshBefore: 13h        | upstream.credentials.cognito.refreshBefore: must be between 10s and 12h, got 13h
      """)
  void badCognitoValues(String line, String expected) {
    String key = line.substring(0, line.indexOf(':'));
    StringBuilder yaml = new StringBuilder(ENABLED + "    mode: token\n    cognito:\n");
    int lineNumber = 8;
    for (String required : new String[] {"region: eu-west-1", "clientId: abc"}) {
      if (!required.startsWith(key + ":")) {
        yaml.append("      ").append(required).append('\n');
        lineNumber++;
      }
    }
    yaml.append("      ").append(line).append('\n');
    assertThat(problems(yaml.toString(), PASSWORD_ENV)).containsExactly("gw.yaml:" + lineNumber + ": " + expected);
  }

  @Test
  void theNewKeysHaveEnvironmentVariables() throws Exception {
    GatewayConfig config = parse(ENABLED, Map.of(
        "COGNITO_PASSWORD", "p",
        "EDGE_GATEWAY_UPSTREAM_PORT", "8443",
        "EDGE_GATEWAY_UPSTREAM_CONNECTIONS", "2",
        "EDGE_GATEWAY_UPSTREAM_QUOTA_MAX_INFLIGHT", "10",
        "EDGE_GATEWAY_UPSTREAM_RECONNECT_DENIED_DELAY", "1h",
        "EDGE_GATEWAY_UPSTREAM_CREDENTIALS_MODE", "token",
        "EDGE_GATEWAY_UPSTREAM_CREDENTIALS_COGNITO_REGION", "us-east-1",
        "EDGE_GATEWAY_UPSTREAM_CREDENTIALS_COGNITO_CLIENT_ID", "abc"));

    assertThat(config.upstream().port()).isEqualTo(8443);
    assertThat(config.upstream().connections()).isEqualTo(2);
    assertThat(config.upstream().quota().maxInflight()).isEqualTo(10);
    assertThat(config.upstream().reconnect().deniedDelay()).isEqualTo(Duration.ofHours(1));
    assertThat(config.upstream().credentials().mode()).isEqualTo(CredentialsConfig.Mode.TOKEN);
    assertThat(config.upstream().credentials().cognito().region()).isEqualTo("us-east-1");
  }

  @Test
  void anUpstreamFromTheEnvironmentAlone() {
    GatewayConfig config = parse("", Map.of(
        "EDGE_GATEWAY_UPSTREAM_ENDPOINT", "127.0.0.1",
        "EDGE_GATEWAY_UPSTREAM_CREDENTIALS_USERNAME", "gw",
        "EDGE_GATEWAY_UPSTREAM_CREDENTIALS_PASSWORD", "from-env"));

    assertThat(config.upstream().enabled()).isTrue();
    assertThat(config.upstream().credentials().password().origin())
        .isEqualTo("environment EDGE_GATEWAY_UPSTREAM_CREDENTIALS_PASSWORD");
  }

  @Test
  void anUnknownUpstreamKeyIsSuggested() {
    assertThat(problems(ENABLED + "  keepalive: 1m\n", PASSWORD_ENV)).containsExactly(
        "gw.yaml:6: upstream.keepalive: unknown key; did you mean keepAlive?");
  }

  /** An upstream where each device signs in as itself; a test appends keys under {@code upstream:} from line 4. */
  static final String DEVICE = """
      upstream:
        identity: device
        endpoint: abc123-ats.iot.eu-west-1.amazonaws.com
      """;

  private static final String NOT_USED = "is not used with upstream.identity: device: ";

  @Test
  void deviceIdentityNeedsNoGatewayCredentials() {
    UpstreamConfig upstream = parse(DEVICE).upstream();

    assertThat(upstream.identity()).isEqualTo(UpstreamConfig.Identity.DEVICE);
    assertThat(upstream.perDevice()).isTrue();
    assertThat(upstream.enabled()).isTrue();
    assertThat(upstream.credentials())
        .isEqualTo(new CredentialsConfig(CredentialsConfig.Mode.PASSWORD, null, null, null));
    assertThat(upstream.devices()).isEqualTo(UpstreamConfig.DevicesConfig.DEFAULTS);
  }

  @Test
  void theDevicesKeysAreRead() {
    UpstreamConfig upstream = parse(DEVICE + """
          devices:
            maxConnections: 10000
            connectsPerSecond: 1
            signInsPerSecond: 120
            connectTimeout: 60s
            offlineAdmission: 0s
        """).upstream();

    assertThat(upstream.devices()).isEqualTo(new UpstreamConfig.DevicesConfig(
        10_000, 1, 120, Duration.ofSeconds(60), Duration.ZERO));
    assertThat(parse(DEVICE.replace("identity: device", "identity: Device")).upstream().perDevice()).isTrue();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      identity: person                   | upstream.identity: must be one of gateway, device, got "person"
      devices: {maxConnections: 0}       | upstream.devices.maxConnections: must be between 1 and 10000, got 0
      devices: {maxConnections: 10001}   | upstream.devices.maxConnections: must be between 1 and 10000, got 10001
      devices: {connectsPerSecond: 0}    | upstream.devices.connectsPerSecond: must be between 1 and 500, got 0
      devices: {connectsPerSecond: 501}  | upstream.devices.connectsPerSecond: must be between 1 and 500, got 501
      devices: {signInsPerSecond: 0}     | upstream.devices.signInsPerSecond: must be between 1 and 120, got 0
      devices: {signInsPerSecond: 121}   | upstream.devices.signInsPerSecond: must be between 1 and 120, got 121
      devices: {connectTimeout: 999ms}   | upstream.devices.connectTimeout: must be between 1s and 1m, got 999ms
      devices: {connectTimeout: 61s}     | upstream.devices.connectTimeout: must be between 1s and 1m, got 61s
      devices: {offlineAdmission: -1s}   | upstream.devices.offlineAdmission: must be between 0s and 365d, got -1s
      devices: {offlineAdmission: 366d}  | upstream.devices.offlineAdmission: must be between 0s and 365d, got 366d
      """)
  void badDevicesValuesAreErrorsInEitherIdentity(String line, String expected) {
    assertThat(problems(ENABLED + "  " + line + "\n", PASSWORD_ENV)).containsExactly("gw.yaml:6: " + expected);
    if (!line.startsWith("identity")) {
      assertThat(problems(DEVICE + "  " + line + "\n")).containsExactly("gw.yaml:4: " + expected);
    }
  }

  @Test
  void theDevicesSectionIsAllowedInGatewayIdentity() {
    UpstreamConfig upstream = parse(ENABLED + "  devices:\n    maxConnections: 5\n", PASSWORD_ENV).upstream();

    assertThat(upstream.perDevice()).isFalse();
    assertThat(upstream.devices().maxConnections()).isEqualTo(5);
  }

  @Test
  void deviceIdentityRequiresAnEndpoint() {
    assertThat(problems("upstream:\n  identity: device\n")).containsExactly(
        "gw.yaml:2: upstream.endpoint: is required with upstream.identity: device: each device signs in to IoT Core "
            + "through it, and without it there is nothing to sign in to");
    assertThat(problems("", Map.of("EDGE_GATEWAY_UPSTREAM_IDENTITY", "device"))).containsExactly(
        "environment EDGE_GATEWAY_UPSTREAM_IDENTITY: upstream.endpoint: is required with upstream.identity: device: "
            + "each device signs in to IoT Core through it, and without it there is nothing to sign in to");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      clientId: kitchen-link                      | 4 | upstream.clientId: each device reaches IoT Core under its own client id
      connections: 2                              | 4 | upstream.connections: each device has its own connection (their number is bounded by upstream.devices.maxConnections)
      'credentials: {username: gateway-1}'        | 4 | upstream.credentials.username: each device signs in with its own MQTT username and password
      'credentials: {passwordFile: cognito-pw}'   | 4 | upstream.credentials.passwordFile: each device signs in with its own MQTT username and password
      'credentials: {passwordEnv: COGNITO_PASSWORD}' | 4 | upstream.credentials.passwordEnv: each device signs in with its own MQTT username and password
      'credentials: {password: s3cr3t-Pa55}'      | 4 | upstream.credentials.password: each device signs in with its own MQTT username and password
      """)
  void gatewayOnlyKeysAreErrorsInDeviceIdentity(String line, int lineNumber, String expected) {
    String path = expected.substring(0, expected.indexOf(':'));
    String reason = expected.substring(expected.indexOf(':') + 2);
    List<String> problems = problems(DEVICE + "  " + line + "\n", PASSWORD_ENV);

    assertThat(problems).containsExactly("gw.yaml:" + lineNumber + ": " + path + ": " + NOT_USED + reason);
    assertThat(String.join("\n", problems)).doesNotContain("s3cr3t-Pa55");
  }

  @Test
  void aGatewayOnlyKeyFromTheEnvironmentNamesTheVariable() {
    assertThat(problems(DEVICE, Map.of("EDGE_GATEWAY_UPSTREAM_CREDENTIALS_PASSWORD", "s3cr3t-Pa55"))).containsExactly(
        "environment EDGE_GATEWAY_UPSTREAM_CREDENTIALS_PASSWORD: upstream.credentials.password: " + NOT_USED
            + "each device signs in with its own MQTT username and password");
  }

  @Test
  void tokenModeInDeviceIdentityStillRequiresTheAppClient() {
    assertThat(problems(DEVICE + "  credentials:\n    mode: token\n")).containsExactly(
        "gw.yaml:4: upstream.credentials.cognito.region: is required in token mode",
        "gw.yaml:4: upstream.credentials.cognito.clientId: is required in token mode");

    UpstreamConfig upstream = parse(DEVICE + """
          credentials:
            mode: token
            cognito:
              region: eu-west-1
              clientId: 4example5client6id
        """).upstream();

    assertThat(upstream.credentials().mode()).isEqualTo(CredentialsConfig.Mode.TOKEN);
    assertThat(upstream.credentials().username()).isNull();
    assertThat(upstream.credentials().cognito().clientId()).isEqualTo("4example5client6id");
  }

  @Test
  void authPasswordFileIsAnErrorInDeviceIdentity() throws Exception {
    String yaml = "auth:\n  passwordFile: " + TlsFiles.passwordFile() + "\n" + DEVICE;

    assertThat(problems(yaml)).containsExactly("gw.yaml:2: auth.passwordFile: " + NOT_USED + "devices are checked "
        + "against Cognito (their MQTT username and password are their Cognito credentials), not against a "
        + "password file");
    assertThat(parse(yaml.replace("identity: device", "identity: gateway")
        .replace("abc123-ats.iot.eu-west-1.amazonaws.com", "null")).auth().passwordFile()).isNotNull();
  }

  @Test
  void aListenerRefusingAnonymousDevicesNeedsNoPasswordFileInDeviceIdentity() {
    GatewayConfig config = parse("listeners:\n  - host: 0.0.0.0\n" + DEVICE);

    assertThat(config.listeners().get(0).allowAnonymous()).isFalse();
    assertThat(config.upstream().perDevice()).isTrue();
  }

  @Test
  void downlinkFiltersMayNameTheDeviceInDeviceIdentityOnly() {
    String rules = """
        downlink:
          - filter: "cmd/${clientId}/#"
            topic: "commands/${topic[2:]}"
        """;

    Router.DeviceRoutes routes = parse(DEVICE + rules).router().forDevice("pump-1", "alice");

    assertThat(routes.router().upstreamSubscriptions()).containsExactly(new UpstreamSubscription("cmd/pump-1/#", 1));
    assertThat(routes.router().downlink("cmd/pump-1/open")).contains(new LocalDelivery("commands/open", 1, 0));
    assertThat(problems(ENABLED + rules, PASSWORD_ENV)).singleElement().asString()
        .startsWith("gw.yaml:7: downlink[0].filter: ${clientId} at character 5 cannot be used here; use ${gatewayId}");
    assertThat(problems(DEVICE + rules.replace("${clientId}", "${clientid}"))).containsExactly(
        "gw.yaml:5: downlink[0].filter: unknown variable ${clientid} at character 5; use ${gatewayId}, ${clientId}, "
            + "${username}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theEffectiveConfigurationShowsTheIdentityAndTheDevicesSection() {
    Map<String, Object> upstream = (Map<String, Object>) EffectiveConfig.sections(
        parse(DEVICE + "  devices:\n    offlineAdmission: 0s\n")).get("upstream");

    assertThat(upstream).containsEntry("identity", "device");
    assertThat((Map<String, Object>) upstream.get("devices")).containsExactly(
        Map.entry("maxConnections", 200), Map.entry("connectsPerSecond", 50), Map.entry("signInsPerSecond", 50),
        Map.entry("connectTimeout", "10s"), Map.entry("offlineAdmission", "0s"));
    assertThat(EffectiveConfig.yaml(parse(""))).contains("identity: gateway");
  }

  @Test
  void theIdentityAndTheDevicesKeysHaveEnvironmentVariables() {
    UpstreamConfig upstream = parse("", Map.of(
        "EDGE_GATEWAY_UPSTREAM_IDENTITY", "device",
        "EDGE_GATEWAY_UPSTREAM_ENDPOINT", "127.0.0.1",
        "EDGE_GATEWAY_UPSTREAM_DEVICES_MAX_CONNECTIONS", "7",
        "EDGE_GATEWAY_UPSTREAM_DEVICES_OFFLINE_ADMISSION", "1d")).upstream();

    assertThat(upstream.perDevice()).isTrue();
    assertThat(upstream.devices().maxConnections()).isEqualTo(7);
    assertThat(upstream.devices().offlineAdmission()).isEqualTo(Duration.ofDays(1));
  }
}
