package io.edgegateway.upstream;

import io.edgegateway.route.Route;
import io.edgegateway.local.Ingress.RefusedException;
import io.edgegateway.upstream.sdk.IotCoreClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of one upstream connection, strictly in order: waiting, then in flight (sent, PUBACK
 * outstanding), then done. Sends only while a client is connected and the quotas allow: at most
 * {@code maxInflight} unacknowledged QoS 1 publishes, and the {@link QuotaLimiter}'s rate. When the
 * connection ends, whatever was in flight goes back to the front of the queue, in its order, and is sent
 * again on the next connection (IoT Core may then see a duplicate: at least once, never lost). A message
 * IoT Core throttles (PUBACK 0x97: an account-wide limit, or clocks that disagree on the second) goes back
 * in its place too, and nothing is sent for the quota's window: what was sent just after it in the same
 * second is throttled as well and comes back behind it, so a device's order holds. A message whose time
 * to live passed while it waited is not sent. Confined to one Vert.x context.
 */
final class PublishQueue {

  private static final Logger LOG = LoggerFactory.getLogger(PublishQueue.class);
  /** PUBACK "no matching subscribers": IoT Core took the message. */
  private static final int NO_MATCHING_SUBSCRIBERS = 0x10;
  private static final int QUOTA_EXCEEDED = 0x97;
  private static final long THROTTLE_LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final Vertx vertx;
  private final Context context;
  private final QuotaLimiter quota;
  private final int maxInflight;
  private final Consumer<String> trouble;
  private final LinkCounters counters;
  private final ArrayDeque<PendingPublish> waiting = new ArrayDeque<>();
  private final ArrayDeque<PendingPublish> inflight = new ArrayDeque<>();
  private IotCoreClient client;
  private long generation;
  private int inflightQos1;
  private long pumpTimer = -1;
  private Runnable whenIdle;
  private long nextSeq;
  private long throttled;
  private long throttledLogged;
  private long lastThrottleLogNanos = System.nanoTime() - THROTTLE_LOG_INTERVAL_NANOS;

  /**
   * @param trouble told when a publish fails on a connection that still looks up (an ack timeout): the
   *                owner should end that connection, which puts the message back in order
   */
  PublishQueue(Vertx vertx, Context context, QuotaLimiter quota, int maxInflight, Consumer<String> trouble,
      LinkCounters counters) {
    this.vertx = vertx;
    this.context = context;
    this.quota = quota;
    this.maxInflight = maxInflight;
    this.trouble = trouble;
    this.counters = counters;
  }

  Future<Void> add(PendingPublish p) {
    p.seq = nextSeq++;
    waiting.add(p);
    pump();
    return p.outcome();
  }

  /** Start sending on a freshly connected client. */
  void resume(IotCoreClient connected, long connectionGeneration) {
    client = connected;
    generation = connectionGeneration;
    whenIdle = null;
    pump();
  }

  /** Stop sending new messages; {@code idle} runs once nothing is in flight any more. */
  void pause(Runnable idle) {
    client = null;
    whenIdle = idle;
    cancelPump();
    checkIdle();
  }

  /** The connection ended: what was in flight waits again, at the front, in order. */
  void connectionLost() {
    client = null;
    whenIdle = null;
    cancelPump();
    for (PendingPublish p : inflight) {
      if (!p.finished) {
        requeue(p);
      }
    }
    inflight.clear();
    inflightQos1 = 0;
  }

  /** Fails everything not yet acknowledged (the gateway is stopping). */
  void failAll(Throwable cause) {
    connectionLost();
    for (PendingPublish p : waiting) {
      p.fail(cause);
    }
    waiting.clear();
  }

  int waiting() {
    return waiting.size();
  }

  int inflight() {
    return inflight.size();
  }

  private void pump() {
    while (client != null && pumpTimer < 0 && !waiting.isEmpty()) {
      PendingPublish p = waiting.peek();
      if (p.finished) {
        waiting.poll(); // acknowledged by a connection that ended just after
        continue;
      }
      if (p.expiresAt <= System.currentTimeMillis()) {
        waiting.poll();
        p.fail(new ExpiredException("its time to live passed before it could be sent"));
        continue;
      }
      if (p.message.qos() == 1 && inflightQos1 >= maxInflight) {
        return; // an acknowledgement pumps again
      }
      long now = System.nanoTime();
      long wait = quota.tryAcquire(p.size, now);
      if (wait > 0) {
        counters.quotaWait(wait);
        pumpTimer = vertx.setTimer(Math.max(1, (wait + 999_999) / 1_000_000), id -> {
          pumpTimer = -1;
          pump();
        });
        return;
      }
      waiting.poll();
      send(p);
    }
  }

  private void send(PendingPublish p) {
    long sentOn = generation;
    p.sentOn = sentOn;
    inflight.add(p);
    if (p.message.qos() == 1) {
      inflightQos1++;
    }
    Route.Forward m = p.message;
    client.publish(m.topic(), p.payload, m.qos(), m.retain())
        .whenComplete((code, error) -> context.runOnContext(v -> completed(p, sentOn, code, error)));
  }

  private void completed(PendingPublish p, long sentOn, Integer code, Throwable error) {
    if (p.finished) {
      return;
    }
    if (error != null) {
      if (sentOn == generation && client != null && inflight.contains(p)) {
        trouble.accept("a publish to " + p.message.topic() + " failed: " + error.getMessage());
      }
      return; // the end of the connection puts it back in the queue
    }
    boolean wasInflight = inflight.remove(p);
    if (wasInflight && p.message.qos() == 1) {
      inflightQos1--;
    }
    if (code == 0 || code == NO_MATCHING_SUBSCRIBERS) {
      p.succeed();
    } else if (code == QUOTA_EXCEEDED) {
      if (wasInflight) {
        throttled(p);
      } // else: its connection ended first and put it back in the queue already
      checkIdle();
      return;
    } else {
      // per message at debug: whoever sent it (the spool drain) reports refusals, counted and rate-limited
      LOG.debug("IoT Core refused a message from device {} to {}: PUBACK reason 0x{}", p.message.deviceClientId(),
          p.message.topic(), Integer.toHexString(code));
      // not authorized, topic invalid, ...: sending it again would not help
      p.fail(new RefusedException(code, "IoT Core refused the message (reason 0x" + Integer.toHexString(code) + ")",
          true));
    }
    checkIdle();
    pump();
  }

  /** IoT Core throttled it: it goes back in its place, and nothing is sent until the quota's window has passed. */
  private void throttled(PendingPublish p) {
    requeue(p);
    throttled++;
    counters.throttle();
    long now = System.nanoTime();
    if (now - lastThrottleLogNanos >= THROTTLE_LOG_INTERVAL_NANOS) {
      LOG.warn("IoT Core throttled a message from device {} to {} (PUBACK 0x97); sending it again, in order, after "
          + "{} ms ({} throttled since start, +{} since last report)", p.message.deviceClientId(), p.message.topic(),
          QuotaLimiter.WINDOW_NANOS / 1_000_000, throttled, throttled - throttledLogged);
      lastThrottleLogNanos = now;
      throttledLogged = throttled;
    }
    cancelPump();
    pumpTimer = vertx.setTimer(QuotaLimiter.WINDOW_NANOS / 1_000_000, id -> {
      pumpTimer = -1;
      pump();
    });
  }

  /** Puts a message back among those waiting, in its place. */
  private void requeue(PendingPublish p) {
    ArrayDeque<PendingPublish> before = new ArrayDeque<>();
    while (!waiting.isEmpty() && waiting.peekFirst().seq < p.seq) {
      before.addLast(waiting.pollFirst());
    }
    waiting.addFirst(p);
    while (!before.isEmpty()) {
      waiting.addFirst(before.pollLast());
    }
  }

  private void checkIdle() {
    if (whenIdle != null && inflight.isEmpty()) {
      Runnable idle = whenIdle;
      whenIdle = null;
      idle.run();
    }
  }

  private void cancelPump() {
    if (pumpTimer >= 0) {
      vertx.cancelTimer(pumpTimer);
      pumpTimer = -1;
    }
  }
}
