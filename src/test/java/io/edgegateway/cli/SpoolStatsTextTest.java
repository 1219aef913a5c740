package io.edgegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpoolStatsTextTest {

  @Test
  void agesShowTheTwoLargestUnitsAndTheExactSecondsFromAMinuteOn() {
    assertThat(SpoolStatsText.age(Duration.ZERO)).isEqualTo("0s");
    assertThat(SpoolStatsText.age(Duration.ofMillis(59_999))).isEqualTo("59s");
    assertThat(SpoolStatsText.age(Duration.ofSeconds(60))).isEqualTo("1m (60 s)");
    assertThat(SpoolStatsText.age(Duration.ofSeconds(3_661))).isEqualTo("1h 1m (3661 s)");
    assertThat(SpoolStatsText.age(Duration.ofSeconds(7_200))).isEqualTo("2h (7200 s)");
    assertThat(SpoolStatsText.age(Duration.ofSeconds(90_061))).isEqualTo("1d 1h (90061 s)");
    assertThat(SpoolStatsText.age(Duration.ofDays(400).plusMinutes(5))).isEqualTo("400d (34560300 s)");
    assertThat(SpoolStatsText.age(Duration.ofSeconds(-90))).as("the clock went back").isEqualTo("-1m 30s (-90 s)");
  }

  @Test
  void bytesGetABinaryUnitFromOneKibibyte() {
    assertThat(SpoolStatsText.humanBytes(1_023)).isEmpty();
    assertThat(SpoolStatsText.humanBytes(1_024)).isEqualTo(" (1.0 KiB)");
    assertThat(SpoolStatsText.humanBytes(286_800_000)).isEqualTo(" (273.5 MiB)");
    assertThat(SpoolStatsText.humanBytes(5L << 40)).isEqualTo(" (5.0 TiB)");
  }

  @Test
  void controlAndFormattingCharactersAreEscaped() {
    assertThat(SpoolStatsText.printable("sensor-1")).isEqualTo("sensor-1");
    assertThat(SpoolStatsText.printable("grüße 温度")).isEqualTo("grüße 温度");
    assertThat(SpoolStatsText.printable("a\tb\u0085c\u200bd")).isEqualTo("a\\u{0009}b\\u{0085}c\\u{200B}d");
    assertThat(SpoolStatsText.printable("back\\slash")).isEqualTo("back\\\\slash");
    assertThat(SpoolStatsText.printable("")).isEqualTo("\"\"");
  }
}
