package io.edgegateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No key is secret yet; this checks the mechanism later keys (passwords, tokens) will use: a key marked
 * secret never has its value printed, whether it comes from the file or the environment.
 */
class SecretValuesTest {

  private static ConfigSection root(ReadContext context, String yaml) {
    return ConfigSection.root(context, YamlDocument.compose(yaml, context));
  }

  @Test
  void aSecretValueIsHiddenInParseErrors() {
    ReadContext context = new ReadContext("gw.yaml", Map.of());
    ConfigSection section = root(context, "pin: s3cr3t-pin\nplain: not-a-number\n");
    section.markSecret("pin");
    SettingReader reader = new SettingReader(section, context);

    reader.integer("pin", 0, 0, 9999);
    reader.integer("plain", 0, 0, 9999);

    assertThat(context.problems().rendered()).containsExactly(
        "gw.yaml:1: pin: must be an integer, got (hidden)",
        "gw.yaml:2: plain: must be an integer, got \"not-a-number\"");
  }

  @Test
  void aSecretOutOfRangeValueFromTheEnvironmentIsHidden() {
    ReadContext context = new ReadContext("gw.yaml", Map.of("EDGE_GATEWAY_PIN", "123456"));
    ConfigSection section = root(context, "");
    section.markSecret("pin");

    new SettingReader(section, context).integer("pin", 0, 0, 9999);

    assertThat(context.problems().rendered()).containsExactly(
        "environment EDGE_GATEWAY_PIN: pin: must be between 0 and 9999, got (hidden)");
  }

  @Test
  void aSecretScalarWhereAMapBelongsIsHidden() {
    ReadContext context = new ReadContext("gw.yaml", Map.of());
    ConfigSection section = root(context, "credentials: hunter2\n");
    section.markSecret("credentials");

    section.section("credentials");

    assertThat(context.problems().rendered()).containsExactly(
        "gw.yaml:1: credentials: must be a map of settings, got a hidden value");
  }

  @Test
  void aSecretValueReadsNormallyWhenValid() {
    ReadContext context = new ReadContext("gw.yaml", Map.of());
    ConfigSection section = root(context, "pin: 42\n");
    section.markSecret("pin");

    assertThat(new SettingReader(section, context).integer("pin", 0, 0, 9999)).isEqualTo(42);
    assertThat(section.value("pin").toString()).isEqualTo("pin=(hidden)");
    assertThat(context.problems().isEmpty()).isTrue();
  }
}
