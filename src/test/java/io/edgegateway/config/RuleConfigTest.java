package io.edgegateway.config;

import static io.edgegateway.config.ConfigTesting.parse;
import static io.edgegateway.config.ConfigTesting.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.message.Message;
import io.edgegateway.route.LocalDelivery;
import io.edgegateway.route.Route;
import io.edgegateway.route.Router;
import io.edgegateway.route.UpstreamSubscription;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code forward} and {@code downlink} rules: reading, compile errors at their key's line, warnings. */
class RuleConfigTest {

  private static final Map<String, String> ENV = UpstreamConfigTest.PASSWORD_ENV;

  /** An enabled upstream (lines 1-6), then the rules. */
  private static String enabled(String rules) {
    return "gatewayId: pi-7\n" + UpstreamConfigTest.ENABLED + rules;
  }

  @Test
  void rulesAreReadInOrderWithTheirLines() {
    GatewayConfig config = parse(enabled("""
        forward:
          - filter: "sensors/#"
            topic: "dt/${gatewayId}/${topic}"
          - filter: "status/+"
            topic: "${topic[1]}"
            qos: 0
            basicIngestRule: store_status
        downlink:
          - filter: "cmd/${gatewayId}/#"
            topic: "commands/${topic[2:]}"
        """), ENV);

    assertThat(config.forward()).containsExactly(
        new ForwardRuleConfig("sensors/#", "dt/${gatewayId}/${topic}", 1, null, 8),
        new ForwardRuleConfig("status/+", "${topic[1]}", 0, "store_status", 10));
    assertThat(config.downlink()).containsExactly(
        new DownlinkRuleConfig("cmd/${gatewayId}/#", "commands/${topic[2:]}", 1, 15));
  }

  @Test
  void theRouterOfALoadedConfigurationRoutesByItsRules() {
    Router router = parse(enabled("""
        forward:
          - filter: "sensors/#"
            topic: "dt/${gatewayId}/${topic}"
        downlink:
          - filter: "cmd/${gatewayId}/#"
            topic: "commands/${topic[2:]}"
            qos: 0
        """), ENV).router();
    Message message = new Message("sensors/a", Buffer.buffer("1"), 1, false, "dev", null,
        MqttProperties.NO_PROPERTIES, Long.MAX_VALUE);

    assertThat(router.forward(message)).isInstanceOfSatisfying(Route.Forward.class,
        f -> assertThat(f.topic()).isEqualTo("dt/pi-7/sensors/a"));
    assertThat(router.downlink("cmd/pi-7/open")).contains(new LocalDelivery("commands/open", 0, 0));
    assertThat(router.upstreamSubscriptions()).containsExactly(new UpstreamSubscription("cmd/pi-7/#", 0));
  }

  @Test
  void rulesWithoutAnEndpointAreInactiveWithAWarning() {
    LoadedConfig loaded = ConfigLoader.parseWithWarnings("""
        forward:
          - filter: "#"
            topic: "${topic}"
          - filter: "a"
            topic: "b"
        downlink:
          - filter: "cmd/#"
            topic: "c/${topic}"
        """, "gw.yaml", Map.of());

    assertThat(loaded.config().forward()).hasSize(2);
    assertThat(loaded.config().router().forwardRules()).isEmpty();
    assertThat(loaded.config().router().upstreamSubscriptions()).isEmpty();
    assertThat(loaded.warnings()).containsExactly(
        "gw.yaml:1: forward: the 2 rules are inactive: upstream.endpoint is not set, so the gateway runs local only "
            + "and forwards nothing",
        "gw.yaml:6: downlink: the rule is inactive: upstream.endpoint is not set, so the gateway runs local only "
            + "and subscribes to nothing upstream");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      filter: 'a/#/b'              | 8 | forward[0].filter: is not a valid MQTT topic filter ('+' and '#' must stand alone in a level, '#' only last; no U+0000, not empty)
      filter: '$share/g/a'         | 8 | forward[0].filter: is a shared subscription; write the plain filter after $share/<group>/
      topic: 'a/${clientid}'       | 8 | forward[0].topic: unknown variable ${clientid} at character 3; use ${gatewayId}, ${clientId}, ${username}, ${topic}, ${topic[N]}, ${topic[N:]}, ${topic[N:M]}
      topic: 'a/+'                 | 8 | forward[0].topic: has '+' at character 3; a topic name cannot contain the wildcards '+' and '#'
      topic: '$aws/things/x/shadow/update' | 8 | forward[0].topic: starts with '$', which IoT Core reserves; the gateway publishes only to Basic Ingest topics among those: set basicIngestRule, or write $aws/rules/<rule>/<topic>
      topic: 'a/b/c/d/e/f/g/h/${topic}' | 8 | forward[0].topic: always has at least 8 slashes, more than the 7 IoT Core allows in a topic
      qos: 2                       | 8 | forward[0].qos: must be 0 or 1 (IoT Core has no QoS 2), got 2
      qos: one                     | 8 | forward[0].qos: must be an integer, got "one"
      basicIngestRule: 'my-rule'   | 8 | forward[0].basicIngestRule: must be an IoT rule name: 1 to 128 letters, digits or '_', got "my-rule"
      """)
  void forwardRuleErrorsNameTheKeyAndLine(String line, int lineNumber, String expected) {
    String key = line.substring(0, line.indexOf(':'));
    StringBuilder rule = new StringBuilder("forward:\n  - ");
    rule.append(line).append('\n');
    if (!key.equals("filter")) {
      rule.append("    filter: \"#\"\n");
    }
    if (!key.equals("topic")) {
      rule.append("    topic: \"x/${topic}\"\n");
    }
    assertThat(problems(enabled(rule.toString()), ENV)).containsExactly("gw.yaml:" + lineNumber + ": " + expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      filter: 'cmd/${clientId}/#'  | downlink[0].filter: ${clientId} at character 5 cannot be used here; use ${gatewayId} (${clientId} and ${username} only with upstream.identity: device, where each device subscribes on its own connection)
      filter: 'cmd/${gatewayId}/#/x' | downlink[0].filter: (cmd/pi-7/#/x) is not a valid MQTT topic filter ('+' and '#' must stand alone in a level, '#' only last; no U+0000, not empty)
      filter: '$aws/rules/r/#'     | downlink[0].filter: is a Basic Ingest topic; IoT Core lets nobody subscribe to $aws/rules/...
      filter: 'a/b/c/d/e/f/g/h/i'  | downlink[0].filter: has 8 slashes; IoT Core allows 7
      topic: '$SYS/x'              | downlink[0].topic: starts with '$'; local topics starting with '$' belong to the broker
      topic: 'x/${username}'       | downlink[0].topic: ${username} at character 3 cannot be used here; use ${gatewayId}, ${topic}, ${topic[N]}, ${topic[N:]}, ${topic[N:M]}
      qos: 2                       | downlink[0].qos: must be 0 or 1 (IoT Core has no QoS 2), got 2
      """)
  void downlinkRuleErrorsNameTheKeyAndLine(String line, String expected) {
    String key = line.substring(0, line.indexOf(':'));
    StringBuilder rule = new StringBuilder("downlink:\n  - ");
    rule.append(line).append('\n');
    if (!key.equals("filter")) {
      rule.append("    filter: \"cmd/#\"\n");
    }
    if (!key.equals("topic")) {
      rule.append("    topic: \"c/${topic}\"\n");
    }
    assertThat(problems(enabled(rule.toString()), ENV)).containsExactly("gw.yaml:8: " + expected);
  }

  @Test
  void filterAndTopicAreRequired() {
    assertThat(problems(enabled("forward:\n  - qos: 1\ndownlink:\n  - filter: a\n"), ENV)).containsExactly(
        "gw.yaml:8: forward[0].filter: is required",
        "gw.yaml:8: forward[0].topic: is required",
        "gw.yaml:10: downlink[0].topic: is required");
  }

  @Test
  void aRuleThatIsNotAMapIsReported() {
    assertThat(problems(enabled("forward:\n  - sensors/#\n"), ENV)).containsExactly(
        "gw.yaml:8: forward[0]: must be a map of settings, got \"sensors/#\"");
    assertThat(problems(enabled("forward: sensors/#\n"), ENV)).containsExactly(
        "gw.yaml:7: forward: must be a list, got \"sensors/#\"");
  }

  @Test
  void moreThan50DistinctDownlinkFiltersDoNotFitOneConnection() {
    StringBuilder rules = new StringBuilder("downlink:\n");
    for (int i = 0; i < 51; i++) {
      rules.append("  - filter: cmd/").append(i).append("\n    topic: c/").append(i).append('\n');
    }
    StringBuilder fifty = new StringBuilder(rules).append("  - filter: cmd/0\n    topic: again\n");

    assertThat(problems(enabled(rules.toString()), ENV)).containsExactly("gw.yaml:7: downlink: subscribes to 51 "
        + "distinct upstream filters, but IoT Core allows 50 subscriptions per connection; merge rules with wildcards");
    assertThat(parse(enabled(fifty.toString().replace("cmd/50\n", "cmd/0\n")), ENV).downlink()).hasSize(52);
  }

  @Test
  void ruleKeysHaveEnvironmentVariablesByIndex() {
    GatewayConfig config = parse(enabled("""
        forward:
          - filter: "sensors/#"
            topic: "dt/${topic}"
        downlink:
          - filter: "cmd/#"
            topic: "c/${topic}"
        """), Map.of("COGNITO_PASSWORD", "p",
        "EDGE_GATEWAY_FORWARD_0_QOS", "0",
        "EDGE_GATEWAY_FORWARD_0_BASIC_INGEST_RULE", "readings",
        "EDGE_GATEWAY_DOWNLINK_0_TOPIC", "commands/${topic[1:]}"));

    assertThat(config.forward().get(0).qos()).isZero();
    assertThat(config.forward().get(0).basicIngestRule()).isEqualTo("readings");
    assertThat(config.downlink().get(0).topic()).isEqualTo("commands/${topic[1:]}");
  }

  @Test
  void aBadRuleFromTheEnvironmentNamesTheVariable() {
    assertThat(problems(enabled("forward:\n  - filter: a\n    topic: b\n"),
        Map.of("COGNITO_PASSWORD", "p", "EDGE_GATEWAY_FORWARD_0_TOPIC", "x/${nope}")))
        .containsExactly("environment EDGE_GATEWAY_FORWARD_0_TOPIC: forward[0].topic: unknown variable ${nope} at "
            + "character 3; use ${gatewayId}, ${clientId}, ${username}, ${topic}, ${topic[N]}, ${topic[N:]}, "
            + "${topic[N:M]}");
  }

  @Test
  void variablesCannotAddRules() {
    assertThat(problems("", Map.of("EDGE_GATEWAY_FORWARD_0_QOS", "1"))).containsExactly(
        "environment EDGE_GATEWAY_FORWARD_0_QOS: forward[0] does not exist: forward has 0 elements, "
            + "and environment variables can only override elements that exist");
  }

  @Test
  void aRejectedGatewayIdDoesNotAlsoFailEveryTemplate() {
    assertThat(problems(enabled("forward:\n  - filter: a\n    topic: \"${gatewayId}/x\"\n")
        .replace("gatewayId: pi-7", "gatewayId: 'bad id'"), ENV)).containsExactly(
        "gw.yaml:1: gatewayId: must be 1 to 64 letters, digits, '_' or '-', got \"bad id\"");
  }
}
