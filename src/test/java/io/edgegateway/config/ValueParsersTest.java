package io.edgegateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scalar parsers on their own: sizes, durations, integers, booleans, hosts, suggestions. */
class ValueParsersTest {

  @Test
  void sizes() throws Exception {
    assertThat(Sizes.parse("0", 0, Long.MAX_VALUE)).isZero();
    assertThat(Sizes.parse("17B", 0, Long.MAX_VALUE)).isEqualTo(17);
    assertThat(Sizes.parse("128KiB", 0, Long.MAX_VALUE)).isEqualTo(131_072);
    assertThat(Sizes.parse("1 MiB", 0, Long.MAX_VALUE)).isEqualTo(1_048_576);
    assertThat(Sizes.parse("3GiB", 0, Long.MAX_VALUE)).isEqualTo(3L << 30);
    assertThatThrownBy(() -> Sizes.parse("99999999999999999999GiB", 0, 10))
        .hasMessage("must be between 0B and 10B");
    assertThatThrownBy(() -> Sizes.parse("1kib", 0, 10_000)).hasMessageContaining("unknown size unit \"kib\"");
    assertThatThrownBy(() -> Sizes.parse("-1", 0, 10)).hasMessageStartingWith("must be a size");
    assertThat(Sizes.format(268_435_455)).isEqualTo("268435455B");
    assertThat(Sizes.format(64 * 1024)).isEqualTo("64KiB");
    assertThat(Sizes.format(1 << 30)).isEqualTo("1GiB");
  }

  @Test
  void durations() throws Exception {
    Duration max = Duration.ofDays(1000);
    assertThat(Durations.parse("250ms", Duration.ZERO, max)).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("10 s", Duration.ZERO, max)).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("3m", Duration.ZERO, max)).isEqualTo(Duration.ofMinutes(3));
    assertThat(Durations.parse("2h", Duration.ZERO, max)).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("365d", Duration.ZERO, max)).isEqualTo(Duration.ofDays(365));
    assertThatThrownBy(() -> Durations.parse("30", Duration.ZERO, max)).hasMessageContaining("must have a unit");
    assertThatThrownBy(() -> Durations.parse("-1s", Duration.ZERO, max)).hasMessage("must be between 0s and 1000d");
    assertThatThrownBy(() -> Durations.parse("99999999999999999999d", Duration.ZERO, max))
        .hasMessage("must be between 0s and 1000d");
    assertThat(Durations.format(Duration.ofSeconds(65_535))).isEqualTo("65535s");
    assertThat(Durations.format(Duration.ofMinutes(20))).isEqualTo("20m");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }

  @Test
  void integersBooleansAndChoices() throws Exception {
    assertThat(Scalars.integer("+42", 0, 100)).isEqualTo(42);
    assertThatThrownBy(() -> Scalars.integer("0x10", 0, 100)).hasMessage("must be an integer");
    assertThat(Scalars.bool("FALSE")).isFalse();
    assertThatThrownBy(() -> Scalars.bool("on")).hasMessage("must be true or false");
    assertThat(Scalars.choice("Warn", List.of("warn", "info"))).isEqualTo("warn");
  }

  @Test
  void hosts() throws Exception {
    assertThat(Hosts.check("gateway.local")).isEqualTo("gateway.local");
    assertThat(Hosts.check("fe80::1")).isEqualTo("fe80::1");
    assertThat(Hosts.isLoopback("::ffff:127.0.0.1")).isTrue();
    assertThat(Hosts.isLoopback("localhost.example")).isFalse();
    assertThat(Hosts.overlap("0.0.0.0", "192.168.1.2")).isTrue();
    assertThat(Hosts.overlap("0.0.0.0", "::1")).isFalse();
    assertThat(Hosts.overlap("::", "192.168.1.2")).isTrue();
    assertThat(Hosts.overlap("::1", "0:0:0:0:0:0:0:1")).isTrue();
    assertThat(Hosts.overlap("127.0.0.1", "127.0.0.2")).isFalse();
    assertThat(Hosts.endpoint("::1", 1883)).isEqualTo("[::1]:1883");
  }

  @Test
  void suggestionsStayWithinTwoEdits() {
    List<String> keys = List.of("maxConnections", "maxInflight", "maxPacketSize");

    assertThat(Suggestions.closest("maxconnection", keys)).contains("maxConnections");
    assertThat(Suggestions.closest("maxInflihgt", keys)).contains("maxInflight");
    assertThat(Suggestions.closest("packetSize", keys)).isEmpty();
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
  }
}
