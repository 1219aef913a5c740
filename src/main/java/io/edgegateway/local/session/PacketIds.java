package io.edgegateway.local.session;

import java.util.Map;

/** Hands out MQTT packet identifiers 1..65535 that are not in use, round robin. */
final class PacketIds {
  private int last;

  /** The next identifier not present in {@code inUse}; the caller keeps inUse below 65535 entries. */
  int next(Map<Integer, ?> inUse) {
    for (int i = 0; i < 65_535; i++) {
      last = last == 65_535 ? 1 : last + 1;
      if (!inUse.containsKey(last)) {
        return last;
      }
    }
    throw new IllegalStateException("all 65535 packet identifiers in use");
  }
}
