package io.edgegateway.local.publish;

/**
 * Token bucket: {@code ratePerSecond} tokens a second, holding at most one second's worth. Not
 * thread-safe; one per connection, used on its event loop.
 */
final class RateLimiter {
  private final double ratePerNano;
  private final double capacity;
  private double tokens;
  private long lastNanos;

  /** @param ratePerSecond tokens per second; 0 means unlimited */
  RateLimiter(int ratePerSecond, long nowNanos) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.capacity = ratePerSecond;
    this.tokens = ratePerSecond;
    this.lastNanos = nowNanos;
  }

  boolean unlimited() {
    return capacity == 0;
  }

  /** Takes a token if there is one. */
  boolean tryTake(long nowNanos) {
    if (unlimited()) {
      return true;
    }
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Nanoseconds until a token is available (0 if one is). */
  long nanosUntilToken(long nowNanos) {
    if (unlimited()) {
      return 0;
    }
    refill(nowNanos);
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano);
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * ratePerNano);
      lastNanos = nowNanos;
    }
  }
}
