package io.edgegateway.route;

import static io.edgegateway.route.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForwardRuleTest {

  private static ForwardRule rule(String filter, String topic, int qos, String basicIngestRule) throws RuleException {
    return ForwardRule.compile(3, filter, topic, qos, basicIngestRule, "gw");
  }

  @Test
  void forwardsWithTheRulesQosAndTheDevicesRetainFlag() throws Exception {
    ForwardRule rule = rule("sensors/#", "dt/${gatewayId}/${topic}", 0, null);
    Buffer payload = Buffer.buffer("22");

    Route route = rule.route(message("sensors/a", "dev", null, payload, true));

    assertThat(route).isEqualTo(new Route.Forward("dt/gw/sensors/a", payload, 0, true, "dev", 3));
  }

  @Test
  void basicIngestPrefixesTheTopicAndClearsRetain() throws Exception {
    ForwardRule rule = rule("sensors/#", "${topic}", 1, "store_readings");
    Buffer payload = Buffer.buffer("22");

    Route route = rule.route(message("sensors/a", "dev", null, payload, true));

    assertThat(route).isEqualTo(new Route.Forward("$aws/rules/store_readings/sensors/a", payload, 1, false, "dev", 3));
  }

  @Test
  void aTemplateMayWriteTheBasicIngestPrefixItself() throws Exception {
    ForwardRule rule = rule("s/#", "$aws/rules/r1/${topic}", 1, null);

    assertThat(rule.route(message("s/a", "d", null))).isInstanceOfSatisfying(Route.Forward.class,
        f -> assertThat(f.topic()).isEqualTo("$aws/rules/r1/s/a"));
  }

  @Test
  void anOversizePayloadIsRefusedWithQuotaExceeded() throws Exception {
    ForwardRule rule = rule("#", "${topic}", 1, null);

    assertThat(rule.route(message("a", "d", null, Buffer.buffer(new byte[131_072]), false)))
        .isInstanceOf(Route.Forward.class);
    assertThat(rule.route(message("a", "d", null, Buffer.buffer(new byte[131_073]), false))).isEqualTo(
        new Route.Refuse(0x97, "the payload is 131073 bytes; IoT Core accepts at most 131072 (128 KB)", 3));
  }

  @Test
  void aTopicTooLongOrTooDeepForIotCoreIsRefusedWithTopicNameInvalid() throws Exception {
    ForwardRule rule = rule("#", "dt/${topic}", 1, null);
    String deep = "a/b/c/d/e/f/g/h";
    String longTopic = "x".repeat(254);

    assertThat(rule.route(message(deep, "d", null))).isEqualTo(new Route.Refuse(0x90,
        "the upstream topic dt/" + deep + " has 8 slashes; IoT Core allows 7", 3));
    assertThat(rule.route(message(longTopic, "d", null))).isEqualTo(new Route.Refuse(0x90,
        "the upstream topic dt/" + longTopic + " is 257 bytes long in UTF-8; IoT Core allows 256", 3));
  }

  @Test
  void anUnrenderableTemplateIsRefusedWithTopicNameInvalid() throws Exception {
    ForwardRule rule = rule("#", "u/${username}/${topic[1]}", 1, null);

    assertThat(rule.route(message("a/b", "d", null))).isEqualTo(new Route.Refuse(0x90, "no upstream topic: the device "
        + "connected without a username (anonymously), and the topic template uses ${username}", 3));
    assertThat(rule.route(message("a", "d", "u"))).isInstanceOfSatisfying(Route.Refuse.class,
        r -> assertThat(r.reason()).contains("has 1 level"));
  }

  @Test
  void aLocalDollarTopicCannotBecomeAReservedUpstreamTopic() throws Exception {
    assertThat(rule("$local/#", "${topic}", 1, null).route(message("$local/x", "d", null)))
        .isInstanceOfSatisfying(Route.Refuse.class, r -> assertThat(r.reason())
            .startsWith("the upstream topic $local/x starts with '$', which IoT Core reserves"));
    assertThat(rule("$local/#", "${topic}", 1, "r").route(message("$local/x", "d", null)))
        .isInstanceOfSatisfying(Route.Refuse.class, r -> assertThat(r.reason())
            .isEqualTo("the upstream topic $aws/rules/r/$local/x puts a '$' topic under the Basic Ingest prefix"));
  }

  @ParameterizedTest(name = "{0} | {1} | {2}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      a/#/b        | x                 | - | filter | is not a valid MQTT topic filter ('+' and '#' must stand alone in a level, '#' only last; no U+0000, not empty)
      $share/g/a   | x                 | - | filter | is a shared subscription; write the plain filter after $share/<group>/
      #            | x/${topic[1:1]}   | - | topic  | ${topic[1:1]} at character 3 selects no level: the end (exclusive) must be greater than the start
      #            | $aws/things/x     | - | topic  | starts with '$', which IoT Core reserves; the gateway publishes only to Basic Ingest topics among those: set basicIngestRule, or write $aws/rules/<rule>/<topic>
      #            | $aws/rules/${topic} | - | topic | starts with '$', which IoT Core reserves; the gateway publishes only to Basic Ingest topics among those: set basicIngestRule, or write $aws/rules/<rule>/<topic>
      #            | $aws/rules/r/x    | r | topic  | starts with '$', but basicIngestRule already publishes under $aws/rules/r/; write the topic that follows the prefix
      #            | a/b/c/d/e/f/g/h/${topic} | - | topic | always has at least 8 slashes, more than the 7 IoT Core allows in a topic
      #            | x/${topic[0:8]}   | - | topic  | always has at least 8 slashes, more than the 7 IoT Core allows in a topic
      #            | a/b/c/d/e/f/g/h/${topic} | r | topic | always has at least 8 slashes, more than the 7 IoT Core allows in a topic after the Basic Ingest prefix
      #            | x                 | bad-rule | basicIngestRule | must be an IoT rule name: 1 to 128 letters, digits or '_'
      """)
  void compileErrorsNameTheField(String filter, String topic, String basicIngestRule, String field, String message) {
    assertThatThrownBy(() -> rule(filter, topic, 1, basicIngestRule)).isInstanceOfSatisfying(RuleException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.getMessage()).isEqualTo(message);
    });
  }

  @Test
  void fixedTextLongerThanIotCoreAllowsIsACompileError() throws Exception {
    assertThat(rule("#", "x".repeat(252) + "/${gatewayId}/${topic}", 1, null).topic().minimumUtf8Bytes())
        .isEqualTo(256);
    assertThatThrownBy(() -> rule("#", "x".repeat(253) + "/${gatewayId}/${topic}", 1, null))
        .isInstanceOf(RuleException.class)
        .hasMessage("its fixed text alone is 257 bytes long in UTF-8, more than the 256 IoT Core allows in a topic");
  }

  @Test
  void qosMustBeZeroOrOne() {
    assertThatThrownBy(() -> rule("#", "x", 2, null)).hasMessage("must be 0 or 1 (IoT Core has no QoS 2)");
  }
}
