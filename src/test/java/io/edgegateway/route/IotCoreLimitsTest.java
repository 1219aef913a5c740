package io.edgegateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IotCoreLimitsTest {

  @Test
  void topicsUpTo256BytesAnd7SlashesPass() {
    assertThat(IotCoreLimits.topicProblem("a".repeat(256))).isNull();
    assertThat(IotCoreLimits.topicProblem("a/b/c/d/e/f/g/h")).isNull();
    assertThat(IotCoreLimits.topicProblem("é".repeat(128))).isNull();
  }

  @Test
  void longerTopicsAndMoreSlashesFail() {
    assertThat(IotCoreLimits.topicProblem("a".repeat(257))).isEqualTo("is 257 bytes long in UTF-8; IoT Core allows 256");
    assertThat(IotCoreLimits.topicProblem("é".repeat(129))).isEqualTo("is 258 bytes long in UTF-8; IoT Core allows 256");
    assertThat(IotCoreLimits.topicProblem("a/b/c/d/e/f/g/h/i")).isEqualTo("has 8 slashes; IoT Core allows 7");
  }

  @Test
  void theBasicIngestPrefixIsNotCounted() {
    String prefix = "$aws/rules/" + "r".repeat(128) + "/";
    assertThat(IotCoreLimits.topicProblem(prefix + "a".repeat(256))).isNull();
    assertThat(IotCoreLimits.topicProblem(prefix + "a/b/c/d/e/f/g/h")).isNull();
    assertThat(IotCoreLimits.topicProblem("$aws/rules/r/a/b/c/d/e/f/g/h/i"))
        .isEqualTo("has 8 slashes after $aws/rules/r/; IoT Core allows 7");
  }

  @Test
  void dollarTopicsOtherThanBasicIngestAndBrokenPrefixesFail() {
    assertThat(IotCoreLimits.topicProblem("$aws/things/x/shadow/update")).startsWith("starts with '$'");
    assertThat(IotCoreLimits.topicProblem("$aws/rules/bad-name/x")).startsWith("starts with $aws/rules/ but not");
    assertThat(IotCoreLimits.topicProblem("$aws/rules/r")).startsWith("starts with $aws/rules/ but not");
    assertThat(IotCoreLimits.topicProblem("$aws/rules/r/")).startsWith("has nothing after $aws/rules/r/");
    assertThat(IotCoreLimits.topicProblem("a/+")).startsWith("is not a valid MQTT topic name");
    assertThat(IotCoreLimits.topicProblem("")).startsWith("is not a valid MQTT topic name");
  }

  @Test
  void filters() {
    assertThat(IotCoreLimits.filterProblem("cmd/gw/#")).isNull();
    assertThat(IotCoreLimits.filterProblem("$aws/things/gw/shadow/update/delta")).isNull();
    assertThat(IotCoreLimits.filterProblem("cmd/#/x")).startsWith("is not a valid MQTT topic filter");
    assertThat(IotCoreLimits.filterProblem("$share/g/cmd")).startsWith("is a shared subscription");
    assertThat(IotCoreLimits.filterProblem("$aws/rules/r/#")).startsWith("is a Basic Ingest topic");
    assertThat(IotCoreLimits.filterProblem("+/+/+/+/+/+/+/+/#")).isEqualTo("has 8 slashes; IoT Core allows 7");
  }

  @Test
  void clientIds() {
    assertThat(IotCoreLimits.clientIdProblem("gw")).isNull();
    assertThat(IotCoreLimits.clientIdProblem("x".repeat(128))).isNull();
    assertThat(IotCoreLimits.clientIdProblem("x".repeat(129))).isEqualTo("is 129 bytes long in UTF-8; IoT Core allows 128");
    assertThat(IotCoreLimits.clientIdProblem("$gw")).isEqualTo("must not start with '$', which IoT Core reserves");
    assertThat(IotCoreLimits.clientIdProblem("")).isEqualTo("must not be empty");
    assertThat(IotCoreLimits.clientIdProblem("a\0")).isEqualTo("must not contain U+0000 or a lone surrogate");
    assertThat(IotCoreLimits.clientIdProblem("a\uD800")).isEqualTo("must not contain U+0000 or a lone surrogate");
  }

  @Test
  void payloadsAndRuleNames() {
    assertThat(IotCoreLimits.payloadProblem(131_072)).isNull();
    assertThat(IotCoreLimits.payloadProblem(131_073)).isEqualTo("is 131073 bytes; IoT Core accepts at most 131072 (128 KB)");
    assertThat(IotCoreLimits.isRuleName("my_rule_1")).isTrue();
    assertThat(IotCoreLimits.isRuleName("r".repeat(129))).isFalse();
    assertThat(IotCoreLimits.isRuleName("my-rule")).isFalse();
    assertThat(IotCoreLimits.isRuleName("")).isFalse();
    assertThat(IotCoreLimits.basicIngestTopic("r", "a/b")).isEqualTo("$aws/rules/r/a/b");
  }

  @Test
  void utf8Lengths() {
    assertThat(IotCoreLimits.utf8Length("aé€😀", 0)).isEqualTo(1 + 2 + 3 + 4);
    assertThat(IotCoreLimits.utf8Length("abc", 1)).isEqualTo(2);
  }
}
