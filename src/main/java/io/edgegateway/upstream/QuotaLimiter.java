package io.edgegateway.upstream;

/**
 * IoT Core's per-connection quotas, kept on the sending side so nothing is discarded upstream: at most
 * {@code publishes} publishes in any window of one second (both directions count: IoT Core's 100 per
 * second covers messages in and out), and a byte rate. Not thread-safe: one connection's context owns it.
 *
 * <p>The publish count is a sliding window, not a token bucket: a bucket lets a full burst at the end of
 * one second and another at the start of the next, which IoT Core counts against one second. The window
 * is a little longer than a second ({@link #WINDOW_NANOS}) so network jitter cannot squeeze two windows'
 * worth into one as IoT Core sees them.
 */
public final class QuotaLimiter {

  /** One second and 5 %: the margin for jitter between this gateway's clock and IoT Core's receipt. */
  static final long WINDOW_NANOS = 1_050_000_000L;

  private final long[] sentAt;
  private int next;
  private final long bytesPerSecond;
  private double byteTokens;
  private long refilledAt;

  /**
   * @param publishesPerSecond at most this many publishes in any one second
   * @param bytesPerSecond     sustained bytes per second, with one second's worth as burst
   * @param nowNanos           {@link System#nanoTime()}
   */
  public QuotaLimiter(int publishesPerSecond, long bytesPerSecond, long nowNanos) {
    if (publishesPerSecond < 1 || bytesPerSecond < 1) {
      throw new IllegalArgumentException("quotas must be positive");
    }
    this.sentAt = new long[publishesPerSecond];
    long longAgo = nowNanos - 2 * WINDOW_NANOS;
    java.util.Arrays.fill(sentAt, longAgo);
    this.bytesPerSecond = bytesPerSecond;
    this.byteTokens = bytesPerSecond;
    this.refilledAt = nowNanos;
  }

  /**
   * Nanoseconds to wait before a publish of {@code bytes} fits in the quota; 0 when it fits now (and is
   * then counted as sent). A message larger than a second's bytes is let through once the bucket is
   * full, so it waits but is never stuck.
   */
  public long tryAcquire(int bytes, long nowNanos) {
    long windowWait = sentAt[next] + WINDOW_NANOS - nowNanos;
    refill(nowNanos);
    double needed = Math.min(bytes, bytesPerSecond);
    long byteWait = byteTokens >= needed ? 0 : (long) Math.ceil((needed - byteTokens) * 1e9 / bytesPerSecond);
    long wait = Math.max(windowWait, byteWait);
    if (wait > 0) {
      return wait;
    }
    byteTokens -= bytes;
    record(nowNanos);
    return 0;
  }

  /** A publish arrived from IoT Core: it counts against the same per-second quota. */
  public void inbound(int bytes, long nowNanos) {
    refill(nowNanos);
    byteTokens -= bytes;
    record(nowNanos);
  }

  private void record(long nowNanos) {
    // an inbound publish may arrive while the window is full: it still counts, pushing the next send later
    sentAt[next] = nowNanos;
    next = (next + 1) % sentAt.length;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - refilledAt;
    if (elapsed > 0) {
      byteTokens = Math.min(bytesPerSecond, byteTokens + elapsed * (double) bytesPerSecond / 1e9);
      refilledAt = nowNanos;
    }
  }
}
