package io.edgegateway.upstream.device;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The slow hashes of the offline verifiers (tens of milliseconds of CPU each, more on a Raspberry Pi), on a
 * few worker threads, with a bound on how many may wait: a storm of devices, or someone trying passwords
 * on the LAN, queues at most that many and is told "busy" beyond it, rather than growing the queue and
 * the CPU time without end. Thread-safe.
 */
final class HashingQueue {

  private final WorkerExecutor executor;
  private final int maxPending;
  private final AtomicInteger pending = new AtomicInteger();

  HashingQueue(WorkerExecutor executor, int maxPending) {
    this.executor = executor;
    this.maxPending = maxPending;
  }

  /** Runs {@code task} on a hashing thread; fails at once with {@link Busy} when too many wait. */
  <T> Future<T> submit(Callable<T> task) {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      return Future.failedFuture(new Busy(maxPending));
    }
    return executor.executeBlocking(task, false).andThen(ar -> pending.decrementAndGet());
  }

  /** Runs {@code task}, which hashes nothing (a removal), on the same threads, whatever waits. */
  <T> Future<T> always(Callable<T> task) {
    return executor.executeBlocking(task, false);
  }

  /** Too many hashes wait already. */
  static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Busy(int maxPending) {
      super(maxPending + " password checks wait already", null, false, false);
    }
  }
}
