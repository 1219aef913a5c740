package io.edgegateway.config;

import io.edgegateway.spool.Durability;
import io.edgegateway.spool.OverflowPolicy;
import io.edgegateway.spool.SpoolOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The spool: where forwarded messages wait on disk until IoT Core acknowledges them. Used only with an
 * upstream endpoint.
 *
 * @param directory   where the spool database lives
 * @param maxMessages most messages kept on disk
 * @param maxBytes    most topic, client id and payload bytes kept on disk
 * @param timeToLive  how long a message may wait before it is dropped as expired; zero for never
 * @param overflow    what to do with a new message when the spool is full
 * @param qos0Delay   how long a QoS 0 message may wait in memory before it is written
 * @param durability  FULL syncs every commit (survives a power cut), NORMAL only at checkpoints
 */
public record SpoolConfig(Path directory, long maxMessages, long maxBytes, Duration timeToLive,
    OverflowPolicy overflow, Duration qos0Delay, Durability durability) {

  /** Most appends written in one transaction. */
  static final int MAX_BATCH = 1_000;

  public SpoolConfig {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(timeToLive, "timeToLive");
    Objects.requireNonNull(overflow, "overflow");
    Objects.requireNonNull(qos0Delay, "qos0Delay");
    Objects.requireNonNull(durability, "durability");
  }

  /** The spool writer's options. */
  public SpoolOptions options() {
    return SpoolOptions.defaults().withMaxMessages(maxMessages).withMaxBytes(maxBytes).withTimeToLive(timeToLive)
        .withOverflow(overflow).withMaxBatch(MAX_BATCH).withQos0Delay(qos0Delay).withDurability(durability);
  }

  /** The same spool with another message bound. */
  public SpoolConfig withMaxMessages(long value) {
    return new SpoolConfig(directory, value, maxBytes, timeToLive, overflow, qos0Delay, durability);
  }

  /** The same spool in another directory. */
  public SpoolConfig withDirectory(Path value) {
    return new SpoolConfig(value, maxMessages, maxBytes, timeToLive, overflow, qos0Delay, durability);
  }
}
