package io.edgegateway.iotcore;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** At most one accepted CONNECT attempt per second per client id. Used on the event loop only. */
final class ConnectThrottle {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final boolean enabled;
  private final Map<String, Long> lastAttempt = new HashMap<>();

  ConnectThrottle(boolean enabled) {
    this.enabled = enabled;
  }

  boolean tryAcquire(String clientId, long nowNanos) {
    if (!enabled) {
      return true;
    }
    Long last = lastAttempt.get(clientId);
    if (last != null && nowNanos - last < SECOND) {
      return false;
    }
    lastAttempt.put(clientId, nowNanos);
    return true;
  }
}
