package io.edgegateway.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

/** Shortcuts for the loader tests: parse text as {@code gw.yaml}, or collect the problems it reports. */
final class ConfigTesting {

  static final String SOURCE = "gw.yaml";

  private ConfigTesting() {
  }

  static GatewayConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, SOURCE, Map.of());
  }

  static GatewayConfig parse(String yaml, Map<String, String> environment) {
    return ConfigLoader.parse(yaml, SOURCE, environment);
  }

  static List<String> problems(String yaml) {
    return problems(yaml, Map.of());
  }

  /** The problems the loader reports for {@code yaml}; fails the test if it accepts the text. */
  static List<String> problems(String yaml, Map<String, String> environment) {
    ConfigException[] caught = new ConfigException[1];
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, SOURCE, environment))
        .isInstanceOfSatisfying(ConfigException.class, e -> caught[0] = e);
    ConfigException e = caught[0];
    return e.problems();
  }
}
