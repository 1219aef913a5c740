package io.edgegateway.spool;

import io.edgegateway.local.Ingress.RefusedException;
import io.edgegateway.route.Route;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the spool's messages upstream in id order and removes each once upstream acknowledged it.
 * At most {@code maxOutstanding} messages are handed on at a time. A message refused for good (IoT Core
 * will never take it) is removed and counted; any other failure (a full queue, the link stopping)
 * rewinds to the failed message and retries it after {@code retryDelay}, so nothing is skipped.
 * It reads when {@link #wake()} says new messages were committed, and every {@code safetyInterval}.
 * All its state lives on its own Vert.x context.
 */
public final class SpoolDrain {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolDrain.class);
  private static final long REFUSAL_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Vertx vertx;
  private final Context context;
  private final SpoolWriter spool;
  private final Function<Route.Forward, Future<Void>> upstream;
  private final int maxOutstanding;
  private final Duration retryDelay;
  private final Duration safetyInterval;
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final LongAdder forwarded = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private long cursor;
  private int outstanding;
  private boolean reading;
  private boolean waitingToRetry;
  private boolean stopped;
  private long safetyTimer = -1;
  private long lastRefusalLogNanos = System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS;
  private long loggedRefused;

  public SpoolDrain(Vertx vertx, SpoolWriter spool, Function<Route.Forward, Future<Void>> upstream,
      int maxOutstanding, Duration retryDelay, Duration safetyInterval) {
    if (maxOutstanding < 1) {
      throw new IllegalArgumentException("maxOutstanding must be positive");
    }
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.spool = spool;
    this.upstream = upstream;
    this.maxOutstanding = maxOutstanding;
    this.retryDelay = retryDelay;
    this.safetyInterval = safetyInterval;
  }

  /** Starts forwarding, beginning with what a previous run left in the spool. */
  public void start() {
    context.runOnContext(v -> {
      safetyTimer = vertx.setPeriodic(safetyInterval.toMillis(), id -> pump());
      pump();
    });
  }

  /** Says that new messages were committed. Any thread; cheap when a wake-up is already on its way. */
  public void wake() {
    if (wakePending.compareAndSet(false, true)) {
      context.runOnContext(v -> {
        wakePending.set(false);
        pump();
      });
    }
  }

  /** Stops handing messages on; those in flight finish (or fail) upstream and stay in the spool if not acknowledged. */
  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      if (safetyTimer >= 0) {
        vertx.cancelTimer(safetyTimer);
      }
      done.complete();
    });
    return done.future();
  }

  /** Messages forwarded and acknowledged upstream since start. */
  public long forwarded() {
    return forwarded.sum();
  }

  /** Messages IoT Core refused for good, removed from the spool, since start. */
  public long refused() {
    return refused.sum();
  }

  private void pump() {
    if (stopped || reading || waitingToRetry || outstanding >= maxOutstanding) {
      return;
    }
    int limit = maxOutstanding - outstanding;
    reading = true;
    spool.readAfter(cursor, limit).onComplete(ar -> context.runOnContext(v -> read(ar, limit)));
  }

  private void read(AsyncResult<List<SpooledMessage>> ar, int limit) {
    reading = false;
    if (ar.failed()) {
      if (!stopped) {
        LOG.warn("spool: cannot read messages to forward ({}); trying again in {} ms", ar.cause().getMessage(),
            retryDelay.toMillis());
        retryLater();
      }
      return;
    }
    if (stopped || waitingToRetry) {
      return;
    }
    for (SpooledMessage m : ar.result()) {
      cursor = m.id();
      outstanding++;
      upstream.apply(m.toForward()).onComplete(sent -> context.runOnContext(v -> sent(m, sent)));
    }
    if (ar.result().size() == limit) {
      pump();
    }
  }

  private void sent(SpooledMessage m, AsyncResult<Void> sent) {
    outstanding--;
    if (sent.succeeded()) {
      spool.delete(m.id());
      forwarded.increment();
    } else if (sent.cause() instanceof RefusedException r && r.permanent()) {
      spool.delete(m.id());
      refused.increment();
      logRefusal(m, r);
    } else {
      // rewind so this message and everything after it that was not acknowledged goes again, in order
      cursor = Math.min(cursor, m.id() - 1);
      if (!stopped) {
        retryLater();
      }
      return;
    }
    pump();
  }

  private void retryLater() {
    if (waitingToRetry) {
      return;
    }
    waitingToRetry = true;
    vertx.setTimer(retryDelay.toMillis(), id -> context.runOnContext(v -> {
      if (outstanding > 0) {
        // wait for the rest of the failed round, so that a retry never overtakes it
        waitingToRetry = false;
        retryLater();
        return;
      }
      waitingToRetry = false;
      pump();
    }));
  }

  private void logRefusal(SpooledMessage m, RefusedException r) {
    long now = System.nanoTime();
    if (now - lastRefusalLogNanos >= REFUSAL_LOG_INTERVAL_NANOS) {
      LOG.warn("spool: IoT Core refused a message from client {} to {} for good ({}); dropped {} such messages "
          + "since start (+{} since last report)", m.deviceClientId(), m.topic(), r.getMessage(), refused.sum(),
          refused.sum() - loggedRefused);
      lastRefusalLogNanos = now;
      loggedRefused = refused.sum();
    }
  }
}
