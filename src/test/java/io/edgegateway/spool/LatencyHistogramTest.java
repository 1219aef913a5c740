package io.edgegateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void bucketsLatenciesAndAnswersQuantiles() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < 98; i++) {
      h.record(TimeUnit.MICROSECONDS.toNanos(300));
    }
    h.record(TimeUnit.MILLISECONDS.toNanos(15));
    h.record(TimeUnit.SECONDS.toNanos(3));

    CommitLatency c = h.snapshot();
    assertThat(c.count()).isEqualTo(100);
    assertThat(c.counts()).hasSize(c.boundsMicros().size() + 1);
    assertThat(c.upperBoundMicros(0.5)).isEqualTo(500);
    assertThat(c.upperBoundMicros(0.99)).isEqualTo(20_000);
    assertThat(c.upperBoundMicros(1.0)).isEqualTo(-1);
    assertThat(c.counts().get(c.counts().size() - 1)).isEqualTo(1);
  }

  @Test
  void anEmptyHistogramHasNoQuantile() {
    assertThat(new LatencyHistogram().snapshot().upperBoundMicros(0.99)).isEqualTo(-1);
  }
}
