package io.edgegateway.ops;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last few minutes of {@link TrafficSample}s, in a bounded ring: the status page's chart. A timer
 * records one sample per interval; memory is fixed by {@code capacity}. Thread-safe.
 */
final class TrafficHistory {

  /**
   * The messages counted between two samples.
   *
   * @param endMillis   when the interval ended
   * @param seconds     its length
   * @param fromDevices messages in from devices
   * @param toDevices   messages delivered to devices
   * @param upstream    messages IoT Core acknowledged
   * @param downlink    messages from IoT Core delivered
   * @param dropped     messages dropped or refused
   */
  record Interval(long endMillis, double seconds, long fromDevices, long toDevices, long upstream, long downlink,
      long dropped) {

    static Interval between(TrafficSample a, TrafficSample b) {
      return new Interval(b.atMillis(), Math.max(0, b.atMillis() - a.atMillis()) / 1000.0,
          b.fromDevices() - a.fromDevices(), b.toDevices() - a.toDevices(), b.upstream() - a.upstream(),
          b.downlink() - a.downlink(), b.dropped() - a.dropped());
    }
  }

  private final int capacity;
  private final Deque<TrafficSample> samples;

  /** @param capacity samples kept; the oldest goes when a new one comes */
  TrafficHistory(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2");
    }
    this.capacity = capacity;
    this.samples = new ArrayDeque<>(capacity);
  }

  synchronized void record(TrafficSample sample) {
    if (samples.size() == capacity) {
      samples.removeFirst();
    }
    samples.addLast(sample);
  }

  int capacity() {
    return capacity;
  }

  synchronized int size() {
    return samples.size();
  }

  /**
   * The intervals between consecutive samples, oldest first, then the one from the last sample to
   * {@code now} (still filling), so that a message counted since the last sample shows at once.
   */
  synchronized List<Interval> intervals(TrafficSample now) {
    List<Interval> intervals = new ArrayList<>(samples.size());
    TrafficSample previous = null;
    for (TrafficSample s : samples) {
      if (previous != null) {
        intervals.add(Interval.between(previous, s));
      }
      previous = s;
    }
    if (previous != null) {
      intervals.add(Interval.between(previous, now));
    }
    return intervals;
  }
}
