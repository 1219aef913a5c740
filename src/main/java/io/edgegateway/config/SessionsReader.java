package io.edgegateway.config;

import java.time.Duration;

/** Reads the {@code sessions} section into {@link SessionConfig}. */
final class SessionsReader {

  private SessionsReader() {
  }

  static SessionConfig read(ConfigSection section, ReadContext context) {
    SettingReader r = new SettingReader(section, context);
    return new SessionConfig(
        r.integer("maxQueuedMessages", 1000, 0, 10_000_000),
        r.duration("maxSessionExpiry", Duration.ofHours(24), Duration.ZERO, Duration.ofDays(365)),
        r.integer("maxRetainedMessages", 10_000, 0, 10_000_000),
        r.size("maxQueuedBytes", 32 * LimitsReader.MIB, 64 * LimitsReader.KIB, LimitsReader.GIB),
        r.size("maxRetainedBytes", 16 * LimitsReader.MIB, 0, LimitsReader.GIB),
        r.integer("maxSessions", 10_000, 1, 10_000_000));
  }
}
