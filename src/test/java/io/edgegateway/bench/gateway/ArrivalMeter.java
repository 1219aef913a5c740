package io.edgegateway.bench.gateway;

import io.edgegateway.iotcore.Arrival;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Watches the simulator's arrivals for one phase: those under the side's upstream prefix whose payload names
 * the phase. Counts those that arrived within the measured window, and keeps the latency (arrival minus send,
 * both {@link System#nanoTime} of this JVM) of those sent within it.
 */
final class ArrivalMeter {
  private volatile Phase phase;

  private static final class Phase {
    final int id;
    final String prefix;
    final long from;
    final long until;
    long arrived;
    long[] latencies = new long[1024];
    int samples;

    Phase(int id, String prefix, long from, long until) {
      this.id = id;
      this.prefix = prefix;
      this.from = from;
      this.until = until;
    }
  }

  /** Called on the simulator's event loop for every arrival. */
  void onArrival(Arrival arrival) {
    Phase p = phase;
    if (p == null || arrival.payload().length < 12 || !arrival.topic().startsWith(p.prefix)) {
      return;
    }
    ByteBuffer payload = ByteBuffer.wrap(arrival.payload());
    long sent = payload.getLong();
    if (payload.getInt() != p.id) {
      return;
    }
    synchronized (p) {
      if (arrival.nanos() >= p.from && arrival.nanos() < p.until) {
        p.arrived++;
      }
      if (sent >= p.from && sent < p.until) {
        if (p.samples == p.latencies.length) {
          p.latencies = Arrays.copyOf(p.latencies, p.samples * 2);
        }
        p.latencies[p.samples++] = arrival.nanos() - sent;
      }
    }
  }

  void begin(int id, String prefix, long from, long until) {
    phase = new Phase(id, prefix, from, until);
  }

  long arrived() {
    Phase p = phase;
    synchronized (p) {
      return p.arrived;
    }
  }

  int samples() {
    Phase p = phase;
    synchronized (p) {
      return p.samples;
    }
  }

  /** The latencies in nanoseconds, sorted; ends the phase. */
  long[] end() {
    Phase p = phase;
    phase = null;
    synchronized (p) {
      long[] sorted = Arrays.copyOf(p.latencies, p.samples);
      Arrays.sort(sorted);
      return sorted;
    }
  }
}
