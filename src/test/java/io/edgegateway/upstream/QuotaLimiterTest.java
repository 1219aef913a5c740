package io.edgegateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaLimiterTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void noWindowOfOneSecondHoldsMoreThanTheQuota() {
    QuotaLimiter limiter = new QuotaLimiter(100, 1 << 30, 0);
    List<Long> sent = new ArrayList<>();
    long now = 0;
    // a sender that always asks again as soon as it is told: 1,000 publishes
    while (sent.size() < 1000) {
      long wait = limiter.tryAcquire(200, now);
      if (wait == 0) {
        sent.add(now);
      } else {
        now += wait;
      }
    }
    for (int i = 100; i < sent.size(); i++) {
      assertThat(sent.get(i) - sent.get(i - 100)).isGreaterThanOrEqualTo(SECOND);
    }
  }

  @Test
  void aBurstWithinTheQuotaGoesAtOnce() {
    QuotaLimiter limiter = new QuotaLimiter(100, 1 << 30, 0);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.tryAcquire(10, 5)).isZero();
    }
    assertThat(limiter.tryAcquire(10, 5)).isPositive();
  }

  @Test
  void inboundPublishesTakeFromTheSameQuota() {
    QuotaLimiter limiter = new QuotaLimiter(10, 1 << 30, 0);
    for (int i = 0; i < 10; i++) {
      limiter.inbound(10, 0);
    }
    assertThat(limiter.tryAcquire(10, 1)).isPositive();
    assertThat(limiter.tryAcquire(10, QuotaLimiter.WINDOW_NANOS)).isZero();
  }

  @Test
  void bytesAreDelayedToTheByteRate() {
    QuotaLimiter limiter = new QuotaLimiter(100, 1000, 0);
    assertThat(limiter.tryAcquire(1000, 0)).isZero();
    long wait = limiter.tryAcquire(500, 0);
    assertThat(wait).isBetween(SECOND / 2 - 1_000, SECOND / 2 + 1_000);
    assertThat(limiter.tryAcquire(500, wait)).isZero();
  }

  @Test
  void aMessageLargerThanOneSecondOfBytesWaitsForAFullBucketAndThenGoes() {
    QuotaLimiter limiter = new QuotaLimiter(100, 1000, 0);
    assertThat(limiter.tryAcquire(1000, 0)).isZero();
    assertThat(limiter.tryAcquire(5000, 0)).isBetween(SECOND - 1_000, SECOND + 1_000);
    assertThat(limiter.tryAcquire(5000, SECOND)).isZero();
    // the large message is paid for: the next byte waits for the debt to be repaid
    assertThat(limiter.tryAcquire(1, SECOND)).isGreaterThan(3 * SECOND);
  }
}
