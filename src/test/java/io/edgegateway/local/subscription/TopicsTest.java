package io.edgegateway.local.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

  @ParameterizedTest(name = "[{0}] is a valid topic name")
  @ValueSource(strings = {"a", "/", "//", "a/b/c", "/finance", "sport/", "$SYS/broker/uptime", "$share/g/a",
    "a b/c", "ünïcödé/日本", "emoji/\uD83D\uDE00", "$"})
  void validTopicNames(String topic) {
    assertThat(Topics.isValidTopicName(topic)).isTrue();
  }

  @ParameterizedTest(name = "[{0}] is not a valid topic name")
  @ValueSource(strings = {"", "+", "#", "a/+", "a/#", "a/b+", "a#", "sport/tennis/#", "nul\u0000here",
    "lone/\uD83D", "lone/\uDE00x"})
  void invalidTopicNames(String topic) {
    assertThat(Topics.isValidTopicName(topic)).isFalse();
  }

  @ParameterizedTest(name = "[{0}] is a valid topic filter")
  @ValueSource(strings = {"a", "#", "+", "/", "+/+", "/+", "+/", "sport/tennis/player1/#", "sport/#",
    "sport/+/player1", "+/tennis/#", "$SYS/#", "a//b", "a/+/+/#", "$share/g/a", "日本/+"})
  void validTopicFilters(String filter) {
    assertThat(Topics.isValidTopicFilter(filter)).isTrue();
  }

  @ParameterizedTest(name = "[{0}] is not a valid topic filter")
  @ValueSource(strings = {"", "sport/tennis#", "sport/tennis/#/ranking", "sport+", "sport/+a", "a+/b",
    "##", "#/", "#/a", "++", "+#", "a/#b", "nul\u0000", "lone\uD800"})
  void invalidTopicFilters(String filter) {
    assertThat(Topics.isValidTopicFilter(filter)).isFalse();
  }

  @Test
  void nullIsNeitherNameNorFilter() {
    assertThat(Topics.isValidTopicName(null)).isFalse();
    assertThat(Topics.isValidTopicFilter(null)).isFalse();
    assertThat(Topics.isValidSubscription(null)).isFalse();
  }

  @Test
  void lengthLimitCountsUtf8Bytes() {
    String maxAscii = "a".repeat(Topics.MAX_UTF8_BYTES);
    assertThat(Topics.isValidTopicName(maxAscii)).isTrue();
    assertThat(Topics.isValidTopicFilter(maxAscii)).isTrue();
    assertThat(Topics.isValidTopicName(maxAscii + "a")).isFalse();
    assertThat(Topics.isValidTopicFilter(maxAscii + "a")).isFalse();

    // 21845 three-byte characters = 65535 bytes; one more ASCII byte is too many.
    String threeByte = "日".repeat(Topics.MAX_UTF8_BYTES / 3);
    assertThat(Topics.isValidTopicName(threeByte)).isTrue();
    assertThat(Topics.isValidTopicName(threeByte + "a")).isFalse();

    // Surrogate pairs are 4 bytes: 16383 of them = 65532 bytes, plus 3 ASCII = 65535.
    String pairs = "\uD83D\uDE00".repeat(16_383);
    assertThat(Topics.isValidTopicName(pairs + "abc")).isTrue();
    assertThat(Topics.isValidTopicName(pairs + "abcd")).isFalse();

    String twoByte = "é".repeat(32_767);
    assertThat(Topics.isValidTopicName(twoByte + "a")).isTrue();
    assertThat(Topics.isValidTopicName(twoByte + "ab")).isFalse();
  }

  @ParameterizedTest(name = "[{0}] matches [{1}]: {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    // MQTT 5.0 section 4.7.1.2, multi-level wildcard
    "sport/tennis/player1/#   | sport/tennis/player1                  | true",
    "sport/tennis/player1/#   | sport/tennis/player1/ranking          | true",
    "sport/tennis/player1/#   | sport/tennis/player1/score/wimbledon  | true",
    "sport/#                  | sport                                 | true",
    "#                        | sport/tennis                          | true",
    "#                        | /                                     | true",
    "sport/tennis/#           | sport/tennis                          | true",
    "sport/tennis/#           | sport/tennis/                         | true",
    "sport/tennis/#           | sport/tennisX                         | false",
    "sport/tennis/#           | sport                                 | false",
    // section 4.7.1.3, single-level wildcard
    "sport/tennis/+           | sport/tennis/player1                  | true",
    "sport/tennis/+           | sport/tennis/player2                  | true",
    "sport/tennis/+           | sport/tennis/player1/ranking          | false",
    "sport/+                  | sport                                 | false",
    "sport/+                  | sport/                                | true",
    "+                        | sport                                 | true",
    "+/+                      | /finance                              | true",
    "/+                       | /finance                              | true",
    "+                        | /finance                              | false",
    "+/tennis/#               | sport/tennis                          | true",
    "+/tennis/#               | sport/tennis/player1                  | true",
    "+/tennis/#               | sport/badminton                       | false",
    "sport/+/player1          | sport/tennis/player1                  | true",
    "sport/+/player1          | sport/tennis/player2                  | false",
    "+/+/+                    | a//c                                  | true",
    "+/+/+                    | a/b                                   | false",
    // section 4.7.2, topics beginning with $
    "#                        | $SYS/broker/uptime                    | false",
    "+/monitor/Clients        | $SYS/monitor/Clients                  | false",
    "$SYS/#                   | $SYS/monitor/Clients                  | true",
    "$SYS/monitor/+           | $SYS/monitor/Clients                  | true",
    "$SYS/#                   | $SYS                                  | true",
    "+                        | $SYS                                  | false",
    "+/#                      | $SYS/a                                | false",
    "a/+                      | a/$b                                  | true",
    "a/#                      | a/$b/c                                | true",
    "$share/g/#               | $share/g/x                            | true",
    // literal levels and case
    "a/b/c                    | a/b/c                                 | true",
    "a/b/c                    | a/b                                   | false",
    "a/b                      | a/b/c                                 | false",
    "a/b                      | a/bc                                  | false",
    "a/bc                     | a/b                                   | false",
    "ACCOUNTS                 | Accounts                              | false",
    "a//b                     | a//b                                  | true",
    "a//b                     | a/b                                   | false",
    "/                        | /                                     | true",
    "+/                       | /                                     | true",
    "a/+                      | a                                     | false",
    "a/+/#                    | a/b                                   | true",
    "a/+/#                    | a                                     | false",
  })
  void matchesFollowsTheSpecExamples(String filter, String topic, boolean expected) {
    assertThat(Topics.isValidTopicFilter(filter)).as("filter is valid").isTrue();
    assertThat(Topics.isValidTopicName(topic)).as("topic is valid").isTrue();
    assertThat(Topics.matches(filter, topic)).isEqualTo(expected);
  }

  @Test
  void matchesDoesNotThrowOnInvalidArguments() {
    assertThat(Topics.matches("", "a")).isFalse();
    assertThat(Topics.matches("a", "")).isFalse();
    assertThat(Topics.matches("a/#/b", "a/x/b")).isTrue(); // unspecified, but no exception
    assertThat(Topics.matches("a+", "a+")).isTrue();
  }
}
