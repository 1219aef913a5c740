package io.edgegateway.bench.gateway;

import io.edgegateway.iotcore.Arrival;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * For the SIGKILL phase: which messages the devices had acknowledged (PUBACK received) and which arrived at
 * the simulator, each known by (device, sequence) from its payload ({@link LoadGenerator#tag}), so that those
 * acknowledged but never arrived (lost) and those that arrived more than once (duplicates) can be counted.
 */
final class DeliveryLedger {
  private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
  private volatile Phase phase;

  private static final class Phase {
    final int id;
    final String prefix;
    final IntFunction<String> ownClientId;
    final Map<Long, Integer> arrivals = new HashMap<>();
    long total;
    long foreign;
    volatile long lastArrival = System.nanoTime();

    Phase(int id, String prefix, IntFunction<String> ownClientId) {
      this.id = id;
      this.prefix = prefix;
      this.ownClientId = ownClientId;
    }
  }

  /**
   * The counts.
   *
   * @param acknowledged messages whose PUBACK a device received
   * @param arrived      distinct messages that arrived at the simulator (acknowledged or not)
   * @param lost         acknowledged but never arrived
   * @param duplicates   arrivals beyond each message's first
   */
  record Counts(long acknowledged, long arrived, long lost, long duplicates) {
  }

  static long key(int device, long sequence) {
    return ((long) device << 40) | sequence;
  }

  void begin(int id, String prefix) {
    begin(id, prefix, null);
  }

  /**
   * As {@link #begin(int, String)}, each device's messages expected upstream under its own client id,
   * {@code ownClientId.apply(device)}; those that arrive under another are counted ({@link #foreign()}).
   */
  void begin(int id, String prefix, IntFunction<String> ownClientId) {
    acknowledged.clear();
    phase = new Phase(id, prefix, ownClientId);
  }

  /** A device received the PUBACK of this message. */
  void acknowledged(int device, long sequence) {
    acknowledged.add(key(device, sequence));
  }

  /** Called on the simulator's event loop for every arrival. */
  void onArrival(Arrival arrival) {
    Phase p = phase;
    if (p == null || arrival.payload().length < LoadGenerator.TAG_BYTES || !arrival.topic().startsWith(p.prefix)) {
      return;
    }
    ByteBuffer payload = ByteBuffer.wrap(arrival.payload());
    payload.getLong();
    if (payload.getInt() != p.id) {
      return;
    }
    int device = payload.getInt();
    long key = key(device, payload.getLong());
    boolean foreign = p.ownClientId != null && !p.ownClientId.apply(device).equals(arrival.clientId());
    synchronized (p) {
      p.arrivals.merge(key, 1, Integer::sum);
      p.total++;
      if (foreign) {
        p.foreign++;
      }
    }
    p.lastArrival = System.nanoTime();
  }

  /** {@link System#nanoTime} of the phase's latest arrival (of its start before any). */
  long lastArrival() {
    return phase.lastArrival;
  }

  /** Arrivals so far that came upstream under another client id than their device's own (see {@link #begin}). */
  long foreign() {
    Phase p = phase;
    synchronized (p) {
      return p.foreign;
    }
  }

  /** The counts now. */
  Counts counts() {
    Phase p = phase;
    synchronized (p) {
      long lost = acknowledged.stream().filter(k -> !p.arrivals.containsKey(k)).count();
      return new Counts(acknowledged.size(), p.arrivals.size(), lost, p.total - p.arrivals.size());
    }
  }

  /** Ends the phase. */
  Counts end() {
    Counts counts = counts();
    phase = null;
    return counts;
  }
}
