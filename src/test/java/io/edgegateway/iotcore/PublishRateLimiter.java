package io.edgegateway.iotcore;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code limit} publishes in any one-second window (a sliding window over the times of the last
 * {@code limit} accepted ones), so no second, wherever it starts, holds more. 0 disables it.
 */
final class PublishRateLimiter {
  private static final long WINDOW = TimeUnit.SECONDS.toNanos(1);

  private final int limit;
  private final ArrayDeque<Long> accepted = new ArrayDeque<>();

  PublishRateLimiter(int limit) {
    this.limit = limit;
  }

  /** Takes one publish at {@code nowNanos} (System.nanoTime); false means it must be discarded. */
  boolean tryAcquire(long nowNanos) {
    if (limit <= 0) {
      return true;
    }
    while (!accepted.isEmpty() && nowNanos - accepted.peekFirst() >= WINDOW) {
      accepted.pollFirst();
    }
    if (accepted.size() >= limit) {
      return false;
    }
    accepted.addLast(nowNanos);
    return true;
  }
}
