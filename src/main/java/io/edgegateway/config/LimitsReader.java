package io.edgegateway.config;

import java.time.Duration;

/** Reads the {@code limits} section into {@link LimitsConfig}; the defaults and bounds live here. */
final class LimitsReader {

  static final int KIB = 1 << 10;
  static final int MIB = 1 << 20;
  static final int GIB = 1 << 30;
  /** The largest Remaining Length MQTT can encode; no MQTT packet size limit may exceed it. */
  static final int MQTT_MAX_PACKET_SIZE = 268_435_455;
  /** AWS IoT Core's largest message, so what a device sends can also be forwarded. */
  static final int DEFAULT_MAX_PACKET_SIZE = 128 * KIB;

  private LimitsReader() {
  }

  static LimitsConfig read(ConfigSection section, ReadContext context) {
    SettingReader r = new SettingReader(section, context);
    return new LimitsConfig(
        r.integer("maxConnections", 1000, 1, 1_000_000),
        r.size("maxPacketSize", DEFAULT_MAX_PACKET_SIZE, KIB, MQTT_MAX_PACKET_SIZE),
        r.integer("maxClientIdLength", 128, 23, 65_535),
        r.duration("connectTimeout", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5)),
        r.integer("maxInflight", 32, 1, 65_535),
        r.integer("maxPublishRate", 1000, 0, 1_000_000),
        r.duration("maxKeepAlive", Duration.ofMinutes(20), Duration.ofSeconds(1), Duration.ofSeconds(65_535)),
        r.integer("maxSubscriptions", 100, 1, 100_000),
        r.size("maxPendingWriteBytes", MIB, 64 * KIB, GIB));
  }
}
