package io.edgegateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static Backoff backoff(double random) {
    return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5), () -> random);
  }

  @Test
  void delaysDoubleUpToTheMaximum() {
    Backoff b = backoff(0.999_999);
    long[] delays = new long[8];
    for (int i = 0; i < delays.length; i++) {
      delays[i] = b.nextFaultDelayMillis();
    }
    assertThat(delays).containsExactly(999, 1999, 3999, 7999, 15999, 29999, 29999, 29999);
  }

  @Test
  void jitterKeepsEachDelayInTheUpperHalfOfItsStep() {
    Backoff low = backoff(0);
    assertThat(low.nextFaultDelayMillis()).isEqualTo(500);
    assertThat(low.nextFaultDelayMillis()).isEqualTo(1000);
  }

  @Test
  void aDenialWaitsAtLeastTheDeniedDelay() {
    Backoff b = backoff(0.5);
    assertThat(b.nextDeniedDelayMillis()).isEqualTo(Duration.ofMinutes(5).toMillis());
  }

  @Test
  void resetStartsFromTheMinimumAgain() {
    Backoff b = backoff(0.999_999);
    b.nextFaultDelayMillis();
    b.nextFaultDelayMillis();
    b.reset();
    assertThat(b.nextFaultDelayMillis()).isEqualTo(999);
  }
}
