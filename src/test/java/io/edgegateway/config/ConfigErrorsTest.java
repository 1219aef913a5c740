package io.edgegateway.config;

import static io.edgegateway.config.ConfigTesting.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of mistake, with the exact message: source and line, key path, what is wrong. */
class ConfigErrorsTest {

  @Test
  void outOfRangeIntegerNamesTheListIndexAndLine() {
    List<String> problems = problems("""
        listeners:
          - name: lan
            port: 1883
          - name: other
            port: 70000
        """);

    assertThat(problems).containsExactly("gw.yaml:5: listeners[1].port: must be between 0 and 65535, got 70000");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      maxConnections: abc      | limits.maxConnections: must be an integer, got "abc"
      maxConnections: 1.5      | limits.maxConnections: must be an integer, got "1.5"
      maxConnections: 0        | limits.maxConnections: must be between 1 and 1000000, got 0
      maxConnections: 99999999999999999999 | limits.maxConnections: must be between 1 and 1000000, got 99999999999999999999
      maxClientIdLength: 22    | limits.maxClientIdLength: must be between 23 and 65535, got 22
      maxPublishRate: -1       | limits.maxPublishRate: must be between 0 and 1000000, got -1
      maxPacketSize: 512MiB    | limits.maxPacketSize: must be between 1KiB and 268435455B, got 512MiB
      maxPacketSize: 1023      | limits.maxPacketSize: must be between 1KiB and 268435455B, got 1023
      maxPacketSize: 128KB     | limits.maxPacketSize: unknown size unit "KB"; use B, KiB, MiB or GiB, got "128KB"
      maxPacketSize: 1.5MiB    | limits.maxPacketSize: must be a size: a number of bytes, or a number with B, KiB, MiB or GiB, got "1.5MiB"
      maxPendingWriteBytes: 2GiB | limits.maxPendingWriteBytes: must be between 64KiB and 1GiB, got 2GiB
      connectTimeout: 10       | limits.connectTimeout: must have a unit (ms, s, m, h or d), such as 10s, got "10"
      connectTimeout: 10 sec   | limits.connectTimeout: unknown duration unit "sec"; use ms, s, m, h or d, got "10 sec"
      connectTimeout: 10min    | limits.connectTimeout: unknown duration unit "min"; use ms, s, m, h or d, got "10min"
      connectTimeout: 500ms    | limits.connectTimeout: must be between 1s and 5m, got 500ms
      connectTimeout: 1.5s     | limits.connectTimeout: must be a duration: a whole number with a unit (ms, s, m, h or d), such as 10s, got "1.5s"
      maxKeepAlive: 65536s     | limits.maxKeepAlive: must be between 1s and 65535s, got 65536s
      maxInflight: 65536       | limits.maxInflight: must be between 1 and 65535, got 65536
      maxSubscriptions: 100001 | limits.maxSubscriptions: must be between 1 and 100000, got 100001
      """)
  void badLimitValues(String line, String expected) {
    assertThat(problems("# limits\nlimits:\n  " + line + "\n")).containsExactly("gw.yaml:3: " + expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      gatewayId: 'has space'          | gatewayId: must be 1 to 64 letters, digits, '_' or '-', got "has space"
      log: {level: verbose}           | log.level: must be one of error, warn, info, debug, trace, got "verbose"
      sessions: {maxSessionExpiry: 366d} | sessions.maxSessionExpiry: must be between 0s and 365d, got 366d
      sessions: {maxQueuedMessages: 10000001} | sessions.maxQueuedMessages: must be between 0 and 10000000, got 10000001
      sessions: {maxRetainedMessages: -5} | sessions.maxRetainedMessages: must be between 0 and 10000000, got -5
      listeners: [{type: mqtt}]       | listeners[0].type: must be one of tcp, tls, ws, wss, got "mqtt"
      listeners: [{name: 'a.b'}]      | listeners[0].name: must be 1 to 32 letters, digits, '_' or '-', got "a.b"
      listeners: [{allowAnonymous: yes}] | listeners[0].allowAnonymous: must be true or false, got "yes"
      listeners: [{host: '[::1]'}]    | listeners[0].host: must be written without brackets, such as ::1, got "[::1]"
      listeners: [{host: 300.1.1.1}]  | listeners[0].host: is not a valid IPv4 address, got "300.1.1.1"
      listeners: [{host: 'bad host'}] | listeners[0].host: must be an IP address or a host name, got "bad host"
      listeners: [{host: '1::2::3'}]  | listeners[0].host: is not a valid IPv6 address, got "1::2::3"
      """)
  void badValuesElsewhere(String line, String expected) {
    assertThat(problems(line + "\n")).containsExactly("gw.yaml:1: " + expected);
  }

  @Test
  void unknownKeySuggestsTheClosestKnownKey() {
    List<String> problems = problems("""
        limits:
          maxConnection: 10
          max_inflight: 4
        listener:
          - port: 1
        """);

    assertThat(problems).containsExactly(
        "gw.yaml:2: limits.maxConnection: unknown key; did you mean maxConnections?",
        "gw.yaml:3: limits.max_inflight: unknown key; did you mean maxInflight?",
        "gw.yaml:4: listener: unknown key; did you mean listeners?");
  }

  @Test
  void unknownKeyFarFromAnyKnownKeyListsTheKnownKeys() {
    assertThat(problems("log:\n  format: json\n")).containsExactly(
        "gw.yaml:2: log.format: unknown key; known keys here: level");
  }

  @Test
  void duplicateKeysAreRefusedWithBothLines() {
    List<String> problems = problems("""
        limits:
          maxInflight: 4
          maxInflight: 8
        listeners:
          - port: 1884
            port: 1885
        """);

    assertThat(problems).containsExactly(
        "gw.yaml:3: limits.maxInflight: duplicate key; it is already set at line 2",
        "gw.yaml:6: listeners[0].port: duplicate key; it is already set at line 5");
  }

  @Test
  void yamlSyntaxErrorsGiveTheLine() {
    assertThat(problems("gatewayId: a\nlimits: [1, 2\n")).singleElement().asString()
        .startsWith("gw.yaml:3: YAML syntax error: expected ',' or ']'")
        .endsWith("(while parsing a flow sequence at line 2)");
    assertThat(problems("limits:\n\tmaxInflight: 4\n")).singleElement().asString()
        .startsWith("gw.yaml:2: YAML syntax error: ");
    assertThat(problems("gatewayId: a\n---\ngatewayId: b\n")).containsExactly(
        "gw.yaml:2: YAML syntax error: a configuration file holds one YAML document, but another one starts here");
    assertThat(problems("gatewayId: *missing\n")).singleElement().asString()
        .startsWith("gw.yaml:1: YAML syntax error: found undefined alias missing");
  }

  @Test
  void aScalarOrListWhereAMapBelongs() {
    List<String> problems = problems("""
        limits: 5
        auth: [a, b]
        listeners:
          - lan
          - port: 1884
        """);

    assertThat(problems).containsExactly(
        "gw.yaml:1: limits: must be a map of settings, got \"5\"",
        "gw.yaml:2: auth: must be a map of settings, got a list",
        "gw.yaml:4: listeners[0]: must be a map of settings, got \"lan\"");
  }

  @Test
  void aMapWhereAValueOrListBelongs() {
    List<String> problems = problems("""
        gatewayId:
          name: x
        listeners:
          port: 1883
        """);

    assertThat(problems).containsExactly(
        "gw.yaml:1: gatewayId: must be a single value, got a map",
        "gw.yaml:3: listeners: must be a list, got a map");
  }

  @Test
  void theTopLevelMustBeAMap() {
    assertThat(problems("- a\n- b\n")).containsExactly(
        "gw.yaml:1: the top level must be a map of settings (key: value lines), got a list");
    assertThat(problems("just text\n")).containsExactly(
        "gw.yaml:1: the top level must be a map of settings (key: value lines), got \"just text\"");
  }

  @Test
  void anEmptyListOfListenersIsAnError() {
    assertThat(problems("gatewayId: a\nlisteners: []\n")).containsExactly(
        "gw.yaml:2: listeners: must list at least one listener");
  }

  @Test
  void everyProblemIsReportedTogetherInLineOrder() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("""
            log:
              level: loud
            gatewayId: "no spaces allowed"
            listeners:
              - port: -1
                tpye: tcp
            limits:
              maxInflight: many
            """, "gw.yaml", Map.of("EDGE_GATEWAY_LIMITS_MAX_SUBSCRIPTIONS", "0")));

    assertThat(e.problems()).containsExactly(
        "gw.yaml:2: log.level: must be one of error, warn, info, debug, trace, got \"loud\"",
        "gw.yaml:3: gatewayId: must be 1 to 64 letters, digits, '_' or '-', got \"no spaces allowed\"",
        "gw.yaml:5: listeners[0].port: must be between 0 and 65535, got -1",
        "gw.yaml:6: listeners[0].tpye: unknown key; did you mean type?",
        "gw.yaml:8: limits.maxInflight: must be an integer, got \"many\"",
        "environment EDGE_GATEWAY_LIMITS_MAX_SUBSCRIPTIONS: limits.maxSubscriptions: must be between 1 and 100000, got 0");
    assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
  }

  @Test
  void deviceIdentityProblemsAreReportedTogetherInLineOrder() throws Exception {
    List<String> problems = problems("""
        auth:
          passwordFile: %s
        upstream:
          identity: device
          clientId: kitchen
          credentials:
            username: gateway-1
            passwordEnv: COGNITO_PASSWORD
          devices:
            connectTimeout: 2m
        """.formatted(TlsFiles.passwordFile()));

    String notUsed = "is not used with upstream.identity: device: ";
    String own = notUsed + "each device signs in with its own MQTT username and password";
    assertThat(problems).containsExactly(
        "gw.yaml:2: auth.passwordFile: " + notUsed + "devices are checked against Cognito (their MQTT username and "
            + "password are their Cognito credentials), not against a password file",
        "gw.yaml:4: upstream.endpoint: is required with upstream.identity: device: each device signs in to IoT Core "
            + "through it, and without it there is nothing to sign in to",
        "gw.yaml:5: upstream.clientId: " + notUsed + "each device reaches IoT Core under its own client id",
        "gw.yaml:7: upstream.credentials.username: " + own,
        "gw.yaml:8: upstream.credentials.passwordEnv: " + own,
        "gw.yaml:10: upstream.devices.connectTimeout: must be between 1s and 1m, got 2m");
  }
}
