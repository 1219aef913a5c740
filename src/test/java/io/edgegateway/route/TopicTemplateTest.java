package io.edgegateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicTemplateTest {

  private static final String GATEWAY = "pi-7";

  private static TopicTemplate forward(String text) throws TemplateException {
    return TopicTemplate.forwardTopic(text, GATEWAY);
  }

  private static String render(String template, String topic) throws TemplateException {
    return ((RenderResult.Rendered) forward(template).render(topic, "dev-1", "alice")).topic();
  }

  private static String failure(String template, String topic, String clientId, String username)
      throws TemplateException {
    return ((RenderResult.Unrenderable) forward(template).render(topic, clientId, username)).reason();
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      dt/${gatewayId}/${topic}        | sensors/kitchen/temp | dt/pi-7/sensors/kitchen/temp
      ${topic}                        | a                    | a
      d/${clientId}/${username}       | x                    | d/dev-1/alice
      l/${topic[0]}                   | sensors/kitchen/temp | l/sensors
      l/${topic[2]}                   | sensors/kitchen/temp | l/temp
      l/${topic[1:]}                  | sensors/kitchen/temp | l/kitchen/temp
      l/${topic[2:]}                  | sensors/kitchen/temp | l/temp
      l/${topic[0:2]}                 | sensors/kitchen/temp | l/sensors/kitchen
      l/${topic[1:3]}                 | sensors/kitchen/temp | l/kitchen/temp
      ${topic[1]}-${topic[0]}         | a/b                  | b-a
      l/${topic[1]}/x                 | a//c                 | l//x
      price$/${topic}                 | a                    | price$/a
      $}{/${topic}                    | a                    | $}{/a
      fixed/${gatewayId}              | anything/at/all      | fixed/pi-7
      """)
  void rendersEachVariable(String template, String topic, String expected) throws Exception {
    assertThat(render(template, topic)).isEqualTo(expected);
  }

  @Test
  void aLevelBeyondTheTopicFailsRatherThanRenderingEmpty() throws Exception {
    assertThat(failure("l/${topic[3]}", "a/b/c", "d", null))
        .isEqualTo("the topic a/b/c has 3 levels, and ${topic[3]} needs 4 (levels count from 0)");
    assertThat(failure("l/${topic[1:]}", "a", "d", null))
        .isEqualTo("the topic a has 1 level, and ${topic[1:]} needs 2 (levels count from 0)");
    assertThat(failure("l/${topic[0:3]}", "a/b", "d", null))
        .isEqualTo("the topic a/b has 2 levels, and ${topic[0:3]} needs 3 (levels count from 0)");
  }

  @Test
  void anAnonymousDeviceHasNoUsername() throws Exception {
    assertThat(failure("u/${username}", "a", "d", null))
        .isEqualTo("the device connected without a username (anonymously), and the topic template uses ${username}");
  }

  @ParameterizedTest(name = "client id {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      a/b | /
      a+  | +
      #   | #
      """)
  void aClientIdThatIsNotOneLevelIsRefused(String clientId, String character) throws Exception {
    assertThat(failure("d/${clientId}/x", "a", clientId, "u"))
        .isEqualTo("the device's client id contains '" + character + "', which cannot stand in one topic level");
  }

  @Test
  void aUsernameWithNulOrEmptyIsRefused() throws Exception {
    assertThat(failure("d/${username}", "a", "c", "a\0b"))
        .isEqualTo("the device's username contains U+0000, which cannot stand in one topic level");
    assertThat(failure("d/${username}", "a", "c", ""))
        .isEqualTo("the device's username is empty and cannot fill a topic level");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', textBlock = """
      a/${gatewayid}       | unknown variable ${gatewayid} at character 3; use ${gatewayId}, ${clientId}, ${username}, ${topic}, ${topic[N]}, ${topic[N:]}, ${topic[N:M]}
      ${}                  | "${}" names no variable at character 1; use ${gatewayId}, ${clientId}, ${username}, ${topic}, ${topic[N]}, ${topic[N:]}, ${topic[N:M]}
      a/${topic            | "${" at character 3 is not closed with '}'
      ${topic[x]}          | ${topic[x]} at character 1: write level numbers counted from 0, such as ${topic[1]}, ${topic[1:]} or ${topic[1:3]}
      ${topic[-1]}         | ${topic[-1]} at character 1: write level numbers counted from 0, such as ${topic[1]}, ${topic[1:]} or ${topic[1:3]}
      ${topic[1}           | ${topic[1} at character 1: write level numbers counted from 0, such as ${topic[1]}, ${topic[1:]} or ${topic[1:3]}
      ${topic[]}           | ${topic[]} at character 1: write level numbers counted from 0, such as ${topic[1]}, ${topic[1:]} or ${topic[1:3]}
      ${topic[:2]}         | ${topic[:2]} at character 1: write level numbers counted from 0, such as ${topic[1]}, ${topic[1:]} or ${topic[1:3]}
      ${topic[2:2]}        | ${topic[2:2]} at character 1 selects no level: the end (exclusive) must be greater than the start
      ${topic[1000]}       | ${topic[1000]} at character 1: level numbers go up to 999
      a/+/b                | has '+' at character 3; a topic name cannot contain the wildcards '+' and '#'
      a/#                  | has '#' at character 3; a topic name cannot contain the wildcards '+' and '#'
      ''                   | is empty
      """)
  void parseErrorsNameThePosition(String template, String expected) {
    assertThatThrownBy(() -> forward(template)).isInstanceOf(TemplateException.class).hasMessage(expected);
  }

  @Test
  void eachKindOfTemplateAllowsItsVariables() throws Exception {
    assertThatThrownBy(() -> TopicTemplate.downlinkTopic("c/${clientId}", GATEWAY))
        .hasMessage("${clientId} at character 3 cannot be used here; use ${gatewayId}, "
            + "${topic}, ${topic[N]}, ${topic[N:]}, ${topic[N:M]}");
    assertThatThrownBy(() -> TopicTemplate.downlinkFilter("cmd/${topic}", GATEWAY))
        .hasMessage("${topic} at character 5 cannot be used here; use ${gatewayId}");
    assertThat(TopicTemplate.downlinkFilter("cmd/${gatewayId}/+/#", GATEWAY)).isEqualTo("cmd/pi-7/+/#");
    assertThat(TopicTemplate.downlinkTopic("x/${topic[1:]}", GATEWAY).render("a/b/c"))
        .isEqualTo(new RenderResult.Rendered("x/b/c"));
  }

  @Test
  void staticFactsAboutTheFixedParts() throws Exception {
    TopicTemplate t = forward("dt/${gatewayId}/${clientId}/${topic[1:4]}/é");

    assertThat(t.leadingText()).isEqualTo("dt/pi-7/");
    assertThat(t.minimumSlashes()).isEqualTo(4 + 2);
    assertThat(t.minimumUtf8Bytes()).isEqualTo("dt/pi-7///".length() + 2 + 2);
    assertThat(t.levelsNeeded()).isEqualTo(4);
    assertThat(t.isConstant()).isFalse();
    assertThat(t.uses(TemplateVariable.CLIENT_ID)).isTrue();
    assertThat(t.uses(TemplateVariable.USERNAME)).isFalse();
    assertThat(t.uses(TemplateVariable.TOPIC)).isTrue();
    assertThat(forward("${topic}").leadingText()).isEmpty();
    assertThat(forward("a/${gatewayId}").isConstant()).isTrue();
    assertThat(t.text()).isEqualTo(t.toString()).isEqualTo("dt/${gatewayId}/${clientId}/${topic[1:4]}/é");
  }
}
