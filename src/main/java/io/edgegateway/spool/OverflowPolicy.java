package io.edgegateway.spool;

import java.util.Locale;

/** What the spool does with a new message when it holds as many messages or bytes as it may. */
public enum OverflowPolicy {
  /** Drop the oldest messages to make room; each one is counted as dropped by overflow. */
  DROP_OLDEST,
  /** Refuse the new message (MQTT 5 reason 0x97 to the device); nothing stored is dropped. */
  REFUSE_NEW;

  /** Parses the configuration spelling: {@code drop-oldest} or {@code refuse-new}. */
  public static OverflowPolicy parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "drop-oldest" -> DROP_OLDEST;
      case "refuse-new" -> REFUSE_NEW;
      default -> throw new IllegalArgumentException("overflow policy must be drop-oldest or refuse-new: " + value);
    };
  }
}
