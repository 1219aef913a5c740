package io.edgegateway.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway benchmark's harness with tiny settings: both sides run and every figure is there. Never speed. */
@ExtendWith(VertxExtension.class)
class GatewayBenchmarkSmokeTest {

  @Test
  void bothSidesProduceEveryFigureAtBothQosLevels(Vertx vertx) throws Exception {
    GatewayBenchmark.Settings settings = new GatewayBenchmark.Settings(5, 200, 4, Duration.ofMillis(500),
        Duration.ofSeconds(1), List.of(1, 0), 0.5);

    List<BenchResult> results = GatewayBenchmark.run(vertx, settings);

    assertThat(results).extracting(r -> r.qos() + " " + r.side()).containsExactly(
        "1 edge-gateway", "1 mosquitto bridge", "0 edge-gateway", "0 mosquitto bridge");
    assertThat(results).allSatisfy(r -> {
      assertThat(r.arrivedRate()).isPositive();
      assertThat(r.acceptedRate()).isPositive();
      assertThat(r.latencyRate()).isPositive();
      assertThat(r.samples()).isPositive();
      assertThat(r.p50()).isPositive();
      assertThat(r.p99()).isGreaterThanOrEqualTo(r.p50());
      assertThat(r.max()).isGreaterThanOrEqualTo(r.p99());
    });
    String table = ResultTable.markdown(results, "edge-gateway", "mosquitto bridge");
    assertThat(table).contains("| 1 | edge-gateway |", "| 1 | mosquitto bridge |", "| 1 | ratio gateway / bridge |",
        "| 0 | ratio gateway / bridge |");
  }
}
