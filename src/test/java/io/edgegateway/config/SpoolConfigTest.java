package io.edgegateway.config;

import static io.edgegateway.config.ConfigTesting.parse;
import static io.edgegateway.config.ConfigTesting.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.spool.Durability;
import io.edgegateway.spool.OverflowPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpoolConfigTest {

  @Test
  void theDefaultsKeepAMillionMessagesForAWeekInTheWorkingDirectorysState() {
    SpoolConfig spool = parse("").spool();

    assertThat(spool).isEqualTo(new SpoolConfig(Path.of("state"), 1_000_000, 256L << 20, Duration.ofDays(7),
        OverflowPolicy.REFUSE_NEW, Duration.ofMillis(100), Durability.FULL));
    assertThat(spool.options().timeToLive()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void theDirectoryDefaultsToSystemdsStateDirectory() {
    assertThat(parse("", Map.of("STATE_DIRECTORY", "/var/lib/edge-gateway:/var/lib/other")).spool().directory())
        .isEqualTo(Path.of("/var/lib/edge-gateway"));
    assertThat(parse("spool:\n  directory: /data/spool\n", Map.of("STATE_DIRECTORY", "/var/lib/edge-gateway"))
        .spool().directory()).isEqualTo(Path.of("/data/spool"));
  }

  @Test
  void everyKeyIsRead() {
    SpoolConfig spool = parse("""
        spool:
          directory: spool-here
          maxMessages: 500
          maxBytes: 2GiB
          timeToLive: 0s
          overflow: drop-oldest
          qos0Delay: 1s
          durability: normal
        """).spool();

    assertThat(spool).isEqualTo(new SpoolConfig(Path.of("spool-here"), 500, 2L << 30, Duration.ZERO,
        OverflowPolicy.DROP_OLDEST, Duration.ofSeconds(1), Durability.NORMAL));
  }

  @Test
  void aBadValueIsReportedWithItsKeyAndLine() {
    assertThat(problems("""
        spool:
          maxMessages: 0
          maxBytes: 10
          overflow: drop-newest
          durability: off
        """)).containsExactly(
        "gw.yaml:2: spool.maxMessages: must be between 1 and 1000000000, got 0",
        "gw.yaml:3: spool.maxBytes: must be between 1MiB and 1024GiB, got 10",
        "gw.yaml:4: spool.overflow: must be one of drop-oldest, refuse-new, got \"drop-newest\"",
        "gw.yaml:5: spool.durability: must be one of full, normal, got \"off\"");
  }
}
