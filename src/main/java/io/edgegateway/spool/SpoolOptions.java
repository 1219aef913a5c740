package io.edgegateway.spool;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds and pacing of the spool.
 *
 * @param maxMessages   most messages kept on disk
 * @param maxBytes      most bytes kept on disk, counted as {@link SpooledMessage#size()}
 * @param timeToLive    how long a message may wait; null or zero for no limit
 * @param overflow      what to do when a new message does not fit
 * @param maxBatch      most appends in one transaction
 * @param qos0Delay     how long a QoS 0 message may wait in memory before it is written (it is lost in a
 *                      crash meanwhile); it is written earlier when any other write commits
 * @param sweepInterval how often expired messages are removed
 * @param durability    SQLite {@code synchronous}: FULL for power-cut safety
 */
public record SpoolOptions(long maxMessages, long maxBytes, Duration timeToLive, OverflowPolicy overflow,
    int maxBatch, Duration qos0Delay, Duration sweepInterval, Durability durability) {

  public SpoolOptions {
    if (maxMessages < 1 || maxBytes < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("maxMessages, maxBytes and maxBatch must be positive");
    }
    timeToLive = timeToLive == null ? Duration.ZERO : timeToLive;
    Objects.requireNonNull(overflow, "overflow");
    Objects.requireNonNull(qos0Delay, "qos0Delay");
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    Objects.requireNonNull(durability, "durability");
  }

  /** 100,000 messages, 256 MiB, a day to live, refuse new when full, 1,000 per transaction, QoS 0 within 1 s. */
  public static SpoolOptions defaults() {
    return new SpoolOptions(100_000, 256L << 20, Duration.ofDays(1), OverflowPolicy.REFUSE_NEW, 1_000,
        Duration.ofSeconds(1), Duration.ofSeconds(1), Durability.FULL);
  }

  /** Epoch milliseconds at which a message accepted at {@code acceptedAt} expires. */
  public long expiresAt(long acceptedAt) {
    return timeToLive.isZero() || timeToLive.isNegative() ? SpooledMessage.NEVER
        : acceptedAt + timeToLive.toMillis();
  }

  public SpoolOptions withMaxMessages(long value) {
    return new SpoolOptions(value, maxBytes, timeToLive, overflow, maxBatch, qos0Delay, sweepInterval, durability);
  }

  public SpoolOptions withMaxBytes(long value) {
    return new SpoolOptions(maxMessages, value, timeToLive, overflow, maxBatch, qos0Delay, sweepInterval, durability);
  }

  public SpoolOptions withOverflow(OverflowPolicy value) {
    return new SpoolOptions(maxMessages, maxBytes, timeToLive, value, maxBatch, qos0Delay, sweepInterval, durability);
  }

  public SpoolOptions withMaxBatch(int value) {
    return new SpoolOptions(maxMessages, maxBytes, timeToLive, overflow, value, qos0Delay, sweepInterval, durability);
  }

  public SpoolOptions withTimeToLive(Duration value) {
    return new SpoolOptions(maxMessages, maxBytes, value, overflow, maxBatch, qos0Delay, sweepInterval, durability);
  }

  public SpoolOptions withQos0Delay(Duration value) {
    return new SpoolOptions(maxMessages, maxBytes, timeToLive, overflow, maxBatch, value, sweepInterval, durability);
  }

  public SpoolOptions withSweepInterval(Duration value) {
    return new SpoolOptions(maxMessages, maxBytes, timeToLive, overflow, maxBatch, qos0Delay, value, durability);
  }

  public SpoolOptions withDurability(Durability value) {
    return new SpoolOptions(maxMessages, maxBytes, timeToLive, overflow, maxBatch, qos0Delay, sweepInterval, value);
  }
}
