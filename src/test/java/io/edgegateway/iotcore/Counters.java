package io.edgegateway.iotcore;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Thread-safe counts by {@link Counter}; written on the event loop and the TLS handshake, read by tests. */
public final class Counters {
  private final Map<Counter, AtomicLong> counts = new EnumMap<>(Counter.class);

  Counters() {
    for (Counter counter : Counter.values()) {
      counts.put(counter, new AtomicLong());
    }
  }

  void increment(Counter counter) {
    counts.get(counter).incrementAndGet();
  }

  public long get(Counter counter) {
    return counts.get(counter).get();
  }

  /** A copy of every count. */
  public Map<Counter, Long> snapshot() {
    Map<Counter, Long> copy = new EnumMap<>(Counter.class);
    counts.forEach((counter, count) -> copy.put(counter, count.get()));
    return copy;
  }
}
