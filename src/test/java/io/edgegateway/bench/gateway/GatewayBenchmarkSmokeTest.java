package io.edgegateway.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway benchmark's harness with tiny settings: both sides run in every pass and every figure is there.
 * Never speed, memory or how many were lost: only that the harness produced each figure.
 */
@ExtendWith(VertxExtension.class)
class GatewayBenchmarkSmokeTest {

  @Test
  void bothSidesProduceEveryFigureInEveryPass(Vertx vertx) throws Exception {
    GatewayBenchmark.Settings settings = new GatewayBenchmark.Settings(5, 200, 4, Duration.ofMillis(500),
        Duration.ofSeconds(1), List.of(1, 0), 0.5, List.of("raw"), Duration.ofSeconds(1), 20, "64m", 5, List.of(50),
        false, false);
    // shorter phases where no figure must be positive; the quotas pass only at QoS 1: QoS 0 goes through the
    // same code. The SIGKILL phase runs at one message per device per second without a raw pass before it.
    GatewayBenchmark.Settings otherSettings = new GatewayBenchmark.Settings(5, 200, 4, Duration.ofMillis(300),
        Duration.ofMillis(700), List.of(1), 0.5, List.of("kill", "memory", "quotas", "devices"), Duration.ofSeconds(1),
        20, "64m", 5, List.of(50), false, false);

    GatewayBenchmark.Report first = GatewayBenchmark.run(vertx, settings);
    GatewayBenchmark.Report second = GatewayBenchmark.run(vertx, otherSettings);
    GatewayBenchmark.Report report = new GatewayBenchmark.Report(settings, first.raw(), second.quotas(),
        second.kill(), second.memory(), second.devices());
    assertThat(first.quotas()).isEmpty();
    assertThat(first.devices()).isEmpty();
    assertThat(first.kill()).isEmpty();
    assertThat(first.memory()).isEmpty();
    assertThat(second.raw()).isEmpty();

    assertThat(report.raw()).extracting(r -> r.qos() + " " + r.side()).containsExactly(
        "1 edge-gateway", "1 mosquitto bridge", "0 edge-gateway", "0 mosquitto bridge");
    assertThat(report.quotas()).extracting(r -> r.qos() + " " + r.side()).containsExactly(
        "1 edge-gateway", "1 mosquitto bridge");
    assertThat(report.raw()).allSatisfy(r -> {
      assertThat(r.arrivedRate()).isPositive();
      assertThat(r.acceptedRate()).isPositive();
      assertThat(r.latencyRate()).isPositive();
      assertThat(r.samples()).isPositive();
      assertThat(r.p50()).isPositive();
      assertThat(r.p99()).isGreaterThanOrEqualTo(r.p50());
      assertThat(r.max()).isGreaterThanOrEqualTo(r.p99());
    });
    assertThat(report.quotas()).allSatisfy(r -> {
      // with quotas on a side may get few or none through: only that the figures were taken
      assertThat(r.arrivedRate()).isNotNegative();
      assertThat(r.acceptedRate()).isNotNegative();
      assertThat(r.latencyRate()).isPositive();
      assertThat(r.samples()).isNotNegative();
    });
    for (BenchResult r : concat(report.raw(), report.quotas())) {
      for (ProcessMeter.Figures p : List.of(r.throughputProcess(), r.latencyProcess())) {
        assertThat(p).isNotSameAs(ProcessMeter.Figures.NONE);
        assertThat(p.cpuSeconds()).isNotNegative();
        assertThat(p.writeBytes()).isNotNegative();
        assertThat(p.wchar()).isNotNegative();
        assertThat(p.peakRssKb()).isPositive();
      }
    }
    assertThat(report.raw()).allSatisfy(r -> {
      assertThat(r.throughputProcess().cpuSecondsPerMillion()).isNotNegative();
      assertThat(r.throughputProcess().diskBytesPerMessage()).isNotNegative();
    });

    assertThat(report.kill()).extracting(KillResult::side).containsExactly("edge-gateway", "mosquitto bridge");
    assertThat(report.kill()).allSatisfy(k -> {
      assertThat(k.published()).isPositive();
      assertThat(k.acknowledged()).isNotNegative().isLessThanOrEqualTo(k.published());
      assertThat(k.arrived()).isNotNegative();
      assertThat(k.lost()).isNotNegative().isLessThanOrEqualTo(k.acknowledged());
      assertThat(k.duplicates()).isNotNegative();
      assertThat(k.restartSeconds()).isPositive();
    });

    assertThat(report.memory()).extracting(m -> m.side() + " " + m.devices())
        .containsExactly("edge-gateway 20", "mosquitto bridge 20");
    assertThat(report.memory()).allSatisfy(m -> {
      assertThat(m.peakRssMb()).isPositive();
      assertThat(m.rssMb()).isPositive();
      assertThat(m.sent()).isPositive();
    });
    assertThat(report.memory().get(0).options()).startsWith("-Xmx64m ").contains("-XX:TieredStopAtLevel=1");

    // the devices pass: the gateway's identity, then each device as itself; only that the figures were taken
    assertThat(report.devices()).extracting(r -> r.identity() + " " + r.devices() + " " + r.connectsPerSecond())
        .containsExactly("gateway 5 0", "device 5 50");
    assertThat(report.devices()).allSatisfy(r -> {
      assertThat(r.connectSeconds()).isPositive();
      assertThat(r.upstreamConnections()).isPositive();
      assertThat(r.rssBeforeMb()).isPositive();
      assertThat(r.rssConnectedMb()).isPositive();
      assertThat(r.rssSettledMb()).isPositive();
      assertThat(r.settleSeconds()).isNotNegative();
      assertThat(r.connectCpuSeconds()).isNotNegative();
      assertThat(r.idleCpu()).isNotNegative();
      assertThat(r.published()).isPositive();
      assertThat(r.acknowledged()).isNotNegative();
      assertThat(r.arrived()).isNotNegative();
      assertThat(r.process().peakRssKb()).isPositive();
      assertThat(r.threads()).isPositive();
    });
    assertThat(report.devices().get(1).foreign()).isNotNegative();

    String tables = ResultTable.report(report, GatewayBenchmark.GATEWAY, GatewayBenchmark.BRIDGE);
    assertThat(tables).contains("#### Quotas off", "#### Quotas on", "#### SIGKILL", "#### Memory",
        "| 1 | edge-gateway |", "| 1 | mosquitto bridge |", "| 1 | ratio gateway / bridge |",
        "| 0 | ratio gateway / bridge |", "| 1 | throughput | ratio gateway / bridge |",
        "| 0 | latency | ratio gateway / bridge |", "| edge-gateway | 20 | `-Xmx64m -XX:", "#### Each device as itself",
        "| gateway | 5 | - |", "| device | 5 | 50 |",
        "identity device, connectsPerSecond 50: each device's own upstream connection");
    assertThat(tables.lines().filter(l -> l.startsWith("| ratio gateway / bridge |"))).hasSize(2); // kill, memory
  }

  private static List<BenchResult> concat(List<BenchResult> a, List<BenchResult> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
