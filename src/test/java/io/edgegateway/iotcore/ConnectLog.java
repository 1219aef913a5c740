package io.edgegateway.iotcore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every CONNECT the simulator received, with its client id and when, whatever became of it: what tests
 * check a client's connection pacing against (IoT Core's connect rate per account, and per client id).
 * Thread-safe.
 */
final class ConnectLog {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final List<Entry> entries = new ArrayList<>();

  synchronized void received(String clientId, long nanos) {
    entries.add(new Entry(clientId, nanos));
  }

  synchronized int size() {
    return entries.size();
  }

  /** The most CONNECTs received within any one-second window. */
  synchronized int maxInAnySecond() {
    int max = 0;
    for (int from = 0, to = 0; to < entries.size(); to++) {
      while (entries.get(to).nanos - entries.get(from).nanos >= SECOND) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }

  /** The shortest time between two CONNECTs with the same client id, in milliseconds; -1 when none repeats. */
  synchronized long minMillisBetweenSameClientId() {
    Map<String, Long> last = new HashMap<>();
    long min = Long.MAX_VALUE;
    for (Entry e : entries) {
      Long before = last.put(e.clientId, e.nanos);
      if (before != null) {
        min = Math.min(min, e.nanos - before);
      }
    }
    return min == Long.MAX_VALUE ? -1 : TimeUnit.NANOSECONDS.toMillis(min);
  }

  private record Entry(String clientId, long nanos) {
  }
}
