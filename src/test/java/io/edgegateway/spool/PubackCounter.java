package io.edgegateway.spool;

import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The PUBACKs devices received since the last {@link #reset()}, and waiting for a number of them. */
final class PubackCounter {

  private long count;
  private final TreeMap<Long, CompletableFuture<Void>> waiting = new TreeMap<>();

  synchronized void reset() {
    count = 0;
    waiting.clear();
  }

  /** A device received a PUBACK (any thread). */
  synchronized void acknowledged() {
    count++;
    while (!waiting.isEmpty() && waiting.firstKey() <= count) {
      waiting.pollFirstEntry().getValue().complete(null);
    }
  }

  /** Returns once {@code n} PUBACKs were counted; fails the test if that takes more than 30 s. */
  void await(long n) throws Exception {
    CompletableFuture<Void> reached;
    synchronized (this) {
      reached = count >= n ? CompletableFuture.completedFuture(null)
          : waiting.computeIfAbsent(n, k -> new CompletableFuture<>());
    }
    try {
      reached.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the devices got only " + count() + " of " + n + " PUBACKs within 30 s");
    }
  }

  synchronized long count() {
    return count;
  }
}
