package io.edgegateway.authorizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceTemplateTest {

  @Test
  void expandsUsernameAndSubEverywhere() {
    assertThat(ResourceTemplate.of("a/${username}/${sub}/${username}").expand("bob", "s-1"))
        .isEqualTo("a/bob/s-1/bob");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dt/${username}/*", "$aws/things/${username}/shadow/*", "${iot:ClientId}",
      "cmd/${username}/#", "a?c", "x"})
  void operatorPatternsMayUseWildcardsAndIotVariables(String text) {
    assertThat(ResourceTemplate.of(text).text()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a,b", "a\"b", "a\\b", "ü", "${user}", "${}", "${username", "a${b", "${iot:}"})
  void refusesPatternsThatCouldBreakThePolicy(String text) {
    assertThatThrownBy(() -> ResourceTemplate.of(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesOverlongPatterns() {
    assertThat(ResourceTemplate.of("a".repeat(512)).text()).hasSize(512);
    assertThatThrownBy(() -> ResourceTemplate.of("a".repeat(513))).isInstanceOf(IllegalArgumentException.class);
  }
}
