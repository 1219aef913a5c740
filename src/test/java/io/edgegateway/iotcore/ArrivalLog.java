package io.edgegateway.iotcore;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/** Every accepted PUBLISH, and futures that complete when enough of them match; safe from any thread. */
final class ArrivalLog {
  private final List<Arrival> arrivals = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();

  private static final class Waiter {
    final Predicate<Arrival> predicate;
    final int count;
    final List<Arrival> matched = new ArrayList<>();
    final Promise<List<Arrival>> promise = Promise.promise();

    Waiter(Predicate<Arrival> predicate, int count) {
      this.predicate = predicate;
      this.count = count;
    }

    boolean offer(Arrival arrival) {
      if (matched.size() < count && predicate.test(arrival)) {
        matched.add(arrival);
      }
      return matched.size() >= count;
    }
  }

  private final List<java.util.function.Consumer<Arrival>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Tells {@code listener} of every arrival from now on. */
  void onArrival(java.util.function.Consumer<Arrival> listener) {
    listeners.add(listener);
  }

  void add(Arrival arrival) {
    listeners.forEach(l -> l.accept(arrival));
    List<Waiter> done = new ArrayList<>();
    synchronized (this) {
      arrivals.add(arrival);
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter waiter = it.next();
        if (waiter.offer(arrival)) {
          it.remove();
          done.add(waiter);
        }
      }
    }
    done.forEach(w -> w.promise.complete(List.copyOf(w.matched)));
  }

  synchronized List<Arrival> snapshot() {
    return List.copyOf(arrivals);
  }

  synchronized void clear() {
    arrivals.clear();
  }

  /** Completes with the first {@code count} arrivals (past or future) that match. */
  Future<List<Arrival>> await(Predicate<Arrival> predicate, int count) {
    Waiter waiter = new Waiter(predicate, count);
    synchronized (this) {
      for (Arrival arrival : arrivals) {
        if (waiter.offer(arrival)) {
          return Future.succeededFuture(List.copyOf(waiter.matched));
        }
      }
      if (count <= 0) {
        return Future.succeededFuture(List.of());
      }
      waiters.add(waiter);
    }
    return waiter.promise.future();
  }

  /** The most arrivals from one connection that fall within any window of the given length. */
  static int maxInWindow(List<Arrival> arrivals, Duration window) {
    long length = window.toNanos();
    List<Long> times = arrivals.stream().map(Arrival::nanos).sorted().toList();
    int max = 0;
    int start = 0;
    for (int end = 0; end < times.size(); end++) {
      while (times.get(end) - times.get(start) >= length) {
        start++;
      }
      max = Math.max(max, end - start + 1);
    }
    return max;
  }
}
