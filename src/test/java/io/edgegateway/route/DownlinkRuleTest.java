package io.edgegateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DownlinkRuleTest {

  private static DownlinkRule rule(String filter, String topic) throws RuleException {
    return DownlinkRule.compile(2, filter, topic, 1, "gw");
  }

  @Test
  void theFilterNamesTheGatewayAndTheTemplateReadsTheUpstreamTopic() throws Exception {
    DownlinkRule rule = rule("cmd/${gatewayId}/#", "commands/${topic[2:]}");

    assertThat(rule.filter()).isEqualTo("cmd/gw/#");
    assertThat(rule.matches("cmd/gw/valve/open")).isTrue();
    assertThat(rule.matches("cmd/other/valve/open")).isFalse();
    assertThat(rule.localTopic("cmd/gw/valve/open")).isEqualTo(new RenderResult.Rendered("commands/valve/open"));
    assertThat(rule.delivery("cmd/gw/valve/open")).contains(new LocalDelivery("commands/valve/open", 1, 2));
  }

  @Test
  void aTopicWithoutTheLevelsTheTemplateNeedsIsNotDelivered() throws Exception {
    DownlinkRule rule = rule("cmd/${gatewayId}/#", "commands/${topic[2:]}");

    assertThat(rule.localTopic("cmd/gw")).isInstanceOf(RenderResult.Unrenderable.class);
    assertThat(rule.delivery("cmd/gw")).isEmpty();
  }

  @Test
  void aRenderedDollarTopicIsNotDeliveredLocally() throws Exception {
    DownlinkRule rule = rule("$aws/things/gw/shadow/update/delta", "${topic}");

    assertThat(rule.localTopic("$aws/things/gw/shadow/update/delta"))
        .isEqualTo(new RenderResult.Unrenderable("the local topic $aws/things/gw/shadow/update/delta starts with '$'"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      cmd/${clientId}/#        | x           | filter | ${clientId} at character 5 cannot be used here; use ${gatewayId} (${clientId} and ${username} only with upstream.identity: device, where each device subscribes on its own connection)
      cmd/${gatewayId}/#/x     | x           | filter | (cmd/gw/#/x) is not a valid MQTT topic filter ('+' and '#' must stand alone in a level, '#' only last; no U+0000, not empty)
      $share/g/cmd             | x           | filter | is a shared subscription; the gateway subscribes with plain filters
      $aws/rules/r/#           | x           | filter | is a Basic Ingest topic; IoT Core lets nobody subscribe to $aws/rules/...
      a/b/c/d/e/f/g/h/${gatewayId} | x       | filter | (a/b/c/d/e/f/g/h/gw) has 8 slashes; IoT Core allows 7
      cmd/#                    | x/+         | topic  | has '+' at character 3; a topic name cannot contain the wildcards '+' and '#'
      cmd/#                    | ${username} | topic  | ${username} at character 1 cannot be used here; use ${gatewayId}, ${topic}, ${topic[N]}, ${topic[N:]}, ${topic[N:M]}
      cmd/#                    | $SYS/x      | topic  | starts with '$'; local topics starting with '$' belong to the broker
      cmd/+                    | x/${topic[2]} | topic | needs 3 levels of the upstream topic, but the filter cmd/+ matches only topics of 2 (levels count from 0)
      """)
  void compileErrorsNameTheField(String filter, String topic, String field, String message) {
    assertThatThrownBy(() -> rule(filter, topic)).isInstanceOfSatisfying(RuleException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.getMessage()).isEqualTo(message);
    });
  }

  @Test
  void aLevelWithinAWildcardFreeFilterCompiles() throws Exception {
    assertThat(rule("cmd/+", "x/${topic[1]}").localTopic("cmd/a")).isEqualTo(new RenderResult.Rendered("x/a"));
  }

  @Test
  void qosMustBeZeroOrOne() {
    assertThatThrownBy(() -> DownlinkRule.compile(0, "a", "b", 2, "gw"))
        .hasMessage("must be 0 or 1 (IoT Core has no QoS 2)");
  }

  @Test
  void aDeviceRuleRendersItsFilterForEachDevice() throws Exception {
    DownlinkRuleTemplate rule = DownlinkRuleTemplate.compile(3, "cmd/${gatewayId}/${clientId}/${username}/#",
        "commands/${topic[4:]}", 1, "gw");

    assertThat(rule.namesDevice()).isTrue();
    assertThat(rule.filter().text()).isEqualTo("cmd/${gatewayId}/${clientId}/${username}/#");
    assertThat(rule.filterFor("pump-1", "alice")).isEqualTo(new RenderResult.Rendered("cmd/gw/pump-1/alice/#"));
    assertThat(rule.withFilter("cmd/gw/pump-1/alice/#").delivery("cmd/gw/pump-1/alice/valve/open"))
        .contains(new LocalDelivery("commands/valve/open", 1, 3));
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      a+b   | alice | the device's client id contains '+', which cannot stand in one topic level
      pump  | a/b   | the device's username contains '/', which cannot stand in one topic level
      pump  | #     | the device's username contains '#', which cannot stand in one topic level
      pump  | ''    | the device's username is empty and cannot fill a topic level
      pump  | NULL  | the device connected without a username (anonymously), and the topic template uses ${username}
      """)
  void aDeviceValueThatWouldChangeTheFilterRendersNoFilter(String clientId, String username, String reason)
      throws Exception {
    DownlinkRuleTemplate rule = DownlinkRuleTemplate.compile(0, "cmd/${clientId}/${username}", "c", 1, "gw");

    assertThat(rule.filterFor(clientId, username)).isEqualTo(new RenderResult.Unrenderable(reason));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      cmd/${topic}/#           | x             | filter | ${topic} at character 5 cannot be used here; use ${gatewayId}, ${clientId}, ${username}
      cmd/${clientid}          | x             | filter | unknown variable ${clientid} at character 5; use ${gatewayId}, ${clientId}, ${username}
      cmd/+${clientId}         | x             | filter | (cmd/+x, for a device whose client id and username are x) is not a valid MQTT topic filter ('+' and '#' must stand alone in a level, '#' only last; no U+0000, not empty)
      $share/g/${clientId}     | x             | filter | ($share/g/x, for a device whose client id and username are x) is a shared subscription; the gateway subscribes with plain filters
      a/b/c/d/e/f/g/${clientId}/h | x          | filter | (a/b/c/d/e/f/g/x/h, for a device whose client id and username are x) has 8 slashes; IoT Core allows 7
      cmd/${clientId}          | ${clientId}   | topic  | ${clientId} at character 1 cannot be used here; use ${gatewayId}, ${topic}, ${topic[N]}, ${topic[N:]}, ${topic[N:M]}
      cmd/${clientId}          | x/${topic[2]} | topic  | needs 3 levels of the upstream topic, but the filter cmd/x matches only topics of 2 (levels count from 0)
      """)
  void deviceRuleErrorsNameTheField(String filter, String topic, String field, String message) {
    assertThatThrownBy(() -> DownlinkRuleTemplate.compile(0, filter, topic, 1, "gw"))
        .isInstanceOfSatisfying(RuleException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void theGatewayIdentityStillRefusesDeviceVariablesInAFilter() {
    assertThatThrownBy(() -> rule("cmd/${username}", "x")).isInstanceOfSatisfying(RuleException.class, e -> {
      assertThat(e.field()).isEqualTo("filter");
      assertThat(e.getMessage()).startsWith("${username} at character 5 cannot be used here; use ${gatewayId} (");
    });
    assertThatThrownBy(() -> rule("cmd/${clientid}", "x")).hasMessage(
        "unknown variable ${clientid} at character 5; use ${gatewayId}");
  }
}
