package io.edgegateway.iotcore;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket of {@code bytesPerSecond} (at most one second's worth saved up). Bytes beyond it are not
 * refused: the caller is told how long to wait before reading more. 0 disables it.
 */
final class ByteRateLimiter {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final long bytesPerSecond;
  private double tokens;
  private long updated;

  ByteRateLimiter(long bytesPerSecond, long nowNanos) {
    this.bytesPerSecond = bytesPerSecond;
    this.tokens = bytesPerSecond;
    this.updated = nowNanos;
  }

  /** Takes {@code bytes}; returns how many nanoseconds to pause reading (0: none). */
  long consume(long bytes, long nowNanos) {
    if (bytesPerSecond <= 0) {
      return 0;
    }
    tokens = Math.min(bytesPerSecond, tokens + (double) (nowNanos - updated) * bytesPerSecond / SECOND);
    updated = nowNanos;
    tokens -= bytes;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * SECOND / bytesPerSecond);
  }
}
