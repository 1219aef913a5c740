package io.edgegateway.upstream.pacing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Says when a call to AWS may go: at most {@code perSecond} in any second over all callers, and one per
 * {@link #CLIENT_SPACING_NANOS} per key. For CONNECTs to IoT Core the key is the client id (IoT Core
 * refuses a second CONNECT with the same client id within a second, and limits CONNECTs per account; in
 * password mode every CONNECT is also a Cognito sign-in by the authorizer); for the gateway's own Cognito
 * sign-ins it is the username (Cognito limits sign-ins per account). Turns are given in the order asked
 * for, evenly spaced rather than in bursts, except that one waiting for its key's spacing does not hold
 * back the others. After a power cut, when every device comes back at once, this is what spreads their
 * connections out. Confined to one Vert.x context.
 */
public final class Pacer {

  /** IoT Core accepts one CONNECT per second per client id; a little more, for clock and network jitter. */
  static final long CLIENT_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(1100);
  /**
   * The rate is kept over this window: a second, and a margin for the time a CONNECT takes to arrive,
   * which varies (a TLS handshake on a busy CPU), so that IoT Core counts no more in any second.
   */
  static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1100);

  private final Vertx vertx;
  /** Turns are given at least this far apart: evenly, so that no burst reaches IoT Core at once. */
  private final long interval;
  private long lastGiven;
  /** The last turn given per client id, kept while it still matters. */
  private final Map<String, Long> lastByClient = new HashMap<>();
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private long timer = -1;

  public Pacer(Vertx vertx, int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be positive");
    }
    this.vertx = vertx;
    this.interval = WINDOW_NANOS / perSecond;
    this.lastGiven = System.nanoTime() - interval;
  }

  /** Completes, on this context, when a call for {@code clientId} (the key) may go. */
  public Future<Void> turn(String clientId) {
    Waiter w = new Waiter(clientId, Promise.promise());
    waiting.add(w);
    release();
    return w.promise.future();
  }

  /**
   * The call given a turn for {@code clientId} was answered (a CONNACK came, or the attempt failed): the key's
   * spacing counts again from now. A turn is given before the TLS handshake, whose time varies, so a CONNECT
   * may arrive late; counted from its answer, which comes after it arrived, the next one cannot come sooner
   * than the spacing after it.
   */
  public void answered(String clientId) {
    lastByClient.put(clientId, System.nanoTime());
  }

  /** Turns asked for and not yet given. */
  public int waiting() {
    return waiting.size();
  }

  private void release() {
    long now = System.nanoTime();
    lastByClient.values().removeIf(at -> now - at >= CLIENT_SPACING_NANOS);
    long nextClientDue = Long.MAX_VALUE;
    for (Iterator<Waiter> it = waiting.iterator(); it.hasNext() && now - lastGiven >= interval;) {
      Waiter w = it.next();
      Long last = lastByClient.get(w.clientId);
      if (last != null) {
        nextClientDue = Math.min(nextClientDue, last + CLIENT_SPACING_NANOS - now);
        continue;
      }
      it.remove();
      lastGiven = now;
      lastByClient.put(w.clientId, now);
      w.promise.complete();
    }
    if (waiting.isEmpty() || timer >= 0) {
      return;
    }
    long due = Math.min(nextClientDue, Math.max(0, lastGiven + interval - now));
    long delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(due) + (due % 1_000_000 == 0 ? 0 : 1));
    timer = vertx.setTimer(delayMillis, id -> {
      timer = -1;
      release();
    });
  }

  private record Waiter(String clientId, Promise<Void> promise) {
  }
}
