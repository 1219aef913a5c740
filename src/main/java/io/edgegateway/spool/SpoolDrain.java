package io.edgegateway.spool;

import io.edgegateway.local.Ingress.RefusedException;
import io.edgegateway.upstream.ExpiredException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the spool's messages upstream and removes each once upstream acknowledged it: each device's
 * messages in the order it published them, and the devices in turn (round-robin, one message each), so
 * a device with a long backlog after an outage does not hold back the others' live messages.
 *
 * <p>The drain keeps in memory the id of every message waiting on disk, one {@link DeviceLane} per
 * device (8 to 16 bytes a message): it learns them from the spool at start and from each commit after.
 * At most {@code maxOutstanding} messages are handed on at a time, at most its window
 * ({@link SpoolOutlet#window}) to each upstream connection, and none to a connection that is down: during
 * an outage messages wait on disk, where the spool's bounds and time to live apply, and one connection that
 * is down never holds back the others. The connections are the outlet's keys, not a fixed set: a fixed
 * set of shared connections (each an equal share of the window), or one of each device's own that comes
 * and goes with it. The drain keeps the count of a connection only while it has messages on it or lanes
 * waiting for it, and tells the outlet when it starts and stops holding a device's messages
 * ({@link SpoolOutlet#holding}), so that a device's own connection can be kept until they are all done.
 * A message refused for good (IoT Core will never take it) is removed and counted; any other failure
 * (the link stopping) stops that device's lane until its outstanding messages are back, then it starts
 * again from the failed message after {@code retryDelay}, so nothing is skipped. Order holds when such a
 * failure fails the device's later outstanding messages too, as the link's failures do (it fails all
 * it holds when it stops); a later message that succeeded meanwhile would be ahead of the retried one.
 * All its state lives on one Vert.x context, the outlet's ({@link SpoolOutlet#context}): the upstream link's, so
 * that handing a message on crosses no thread.
 *
 * <p>A message that arrives while its device has nothing waiting, its connection has room and every
 * earlier message is known is sent at once, before the spool has written it ({@link SpoolWriter#onAccepted}):
 * IoT Core does not wait for the disk. Any other waits for its commit and takes its turn.
 *
 * <p>Messages just committed are also kept in memory, up to {@link #KEPT_BYTES}, and handed on from
 * there: a link that keeps up never reads back what was just written. What did not fit, and what waited
 * out an outage or a restart, is read from disk in its turn.
 */
public final class SpoolDrain {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolDrain.class);
  private static final long REFUSAL_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int INDEX_CHUNK = 10_000;
  /** Tries at reading what a previous run left before forwarding new messages without it. */
  private static final int MAX_INDEX_TRIES = 5;
  /** Bytes of just-committed messages kept in memory to be handed on without a read. */
  static final long KEPT_BYTES = 4L * 1024 * 1024;

  private final Vertx vertx;
  private final Context context;
  private final SpoolWriter spool;
  private final SpoolOutlet outlet;
  private final int maxOutstanding;
  /** Messages handed on whose outcome has not come back, on all connections. */
  private int outstanding;
  /** The connections with messages outstanding or lanes parked, by the outlet's key; no entry for the others. */
  private final Map<Object, ConnectionState> connections = new HashMap<>();
  private final Duration retryDelay;
  private final Queue<List<SpooledMessage>> stored = new ConcurrentLinkedQueue<>();
  /** Handed in, not yet written: sent at once when nothing is ahead of them, else left to their commit. */
  private final Queue<SpooledMessage> fresh = new ConcurrentLinkedQueue<>();
  private final KeptMessages kept;
  /** Told of while the start-up read was going on: their bodies are kept, their turn comes after it. */
  private final List<List<SpooledMessage>> committedWhileIndexing = new ArrayList<>();
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final LongAdder forwarded = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final Map<String, DeviceLane> lanes = new HashMap<>();
  private final ArrayDeque<DeviceLane> ready = new ArrayDeque<>();
  /** The highest id taken into a lane. */
  private long known;
  /** Reading the ids a previous run left; new ones wait in {@link #stored} meanwhile. */
  private boolean indexing = true;
  private int indexFailures;
  private boolean reading;
  private boolean stopped;
  private long droppedSeen;
  private long lastRefusalLogNanos = System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS;
  private long loggedRefused;

  /** A drain of {@code spool}, which from now on tells it of every message it stores; call {@link #start()}. */
  public SpoolDrain(Vertx vertx, SpoolWriter spool, SpoolOutlet outlet, int maxOutstanding, Duration retryDelay) {
    this(vertx, spool, outlet, maxOutstanding, retryDelay, KEPT_BYTES);
  }

  /** As above, keeping at most {@code keptBytes} of just-committed messages in memory. */
  SpoolDrain(Vertx vertx, SpoolWriter spool, SpoolOutlet outlet, int maxOutstanding, Duration retryDelay,
      long keptBytes) {
    if (maxOutstanding < 1) {
      throw new IllegalArgumentException("maxOutstanding must be positive");
    }
    this.vertx = vertx;
    this.context = outlet.context(vertx);
    this.spool = spool;
    this.outlet = outlet;
    this.maxOutstanding = maxOutstanding;
    this.retryDelay = retryDelay;
    this.kept = new KeptMessages(keptBytes);
    spool.onCommitted(messages -> {
      stored.add(messages);
      wake();
    });
    spool.onAccepted(message -> {
      fresh.add(message);
      wake();
    });
  }

  /** Starts forwarding, beginning with what a previous run left in the spool. */
  public void start() {
    context.runOnContext(v -> indexFrom(0));
  }

  /** Stops handing messages on; those in flight finish (or fail) upstream and stay in the spool if not acknowledged. */
  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      done.complete();
    });
    return done.future();
  }

  /**
   * Completes on the drain's context once every message handed to the spool before the call is written
   * (or refused) and taken in, so that {@link SpoolOutlet#holding} has been told of it: QoS 0 messages wait
   * a moment in memory before they are written, and a device may leave meanwhile. Any thread.
   */
  public Future<Void> settled() {
    Promise<Void> settled = Promise.promise();
    // a read writes first what was handed in before it, and the commit hands it to the drain
    spool.read(new long[0]).onComplete(ar -> context.runOnContext(v -> {
      pump();
      settled.complete();
    }));
    return settled.future();
  }

  /** Says that a connection went up or down, or came or went. Any thread. */
  public void connectionsChanged() {
    context.runOnContext(v -> {
      connections.values().removeIf(this::unpark);
      pump();
    });
  }

  /** Messages forwarded and acknowledged upstream since start. */
  public long forwarded() {
    return forwarded.sum();
  }

  /** Messages IoT Core refused for good, removed from the spool, since start. */
  public long refused() {
    return refused.sum();
  }

  /** Ids of waiting messages the drain keeps in memory; for tests. */
  Future<Integer> tracked() {
    Promise<Integer> count = Promise.promise();
    context.runOnContext(v -> count.complete(lanes.values().stream().mapToInt(DeviceLane::size).sum()));
    return count.future();
  }

  /** Connections the drain has messages outstanding on or lanes parked for; for tests. */
  Future<Integer> connectionsHeld() {
    Promise<Integer> count = Promise.promise();
    context.runOnContext(v -> count.complete(connections.size()));
    return count.future();
  }

  private void wake() {
    if (wakePending.compareAndSet(false, true)) {
      context.runOnContext(v -> {
        wakePending.set(false);
        pump();
      });
    }
  }

  private void indexFrom(long afterId) {
    spool.index(afterId, INDEX_CHUNK).onComplete(ar -> context.runOnContext(v -> indexed(ar, afterId)));
  }

  private void indexed(AsyncResult<List<SpoolRow>> ar, long afterId) {
    if (stopped) {
      return;
    }
    if (ar.failed()) {
      if (++indexFailures >= MAX_INDEX_TRIES) {
        // a damaged part of the file the open-time check missed: new messages must not wait behind it
        LOG.error("spool: cannot read the messages waiting from a previous run ({}, {} tries); forwarding new "
            + "messages only: the older ones stay on disk for the next start", ar.cause().getMessage(),
            indexFailures);
        indexing = false;
        pump();
        return;
      }
      LOG.warn("spool: cannot read the messages waiting from a previous run ({}); trying again in {} ms",
          ar.cause().getMessage(), retryDelay.toMillis());
      vertx.setTimer(retryDelay.toMillis(), id -> context.runOnContext(v -> indexFrom(afterId)));
      return;
    }
    indexFailures = 0;
    List<SpoolRow> rows = ar.result();
    rows.forEach(row -> take(row.id(), row.deviceClientId()));
    if (rows.size() == INDEX_CHUNK) {
      indexFrom(rows.get(rows.size() - 1).id());
    } else {
      indexing = false;
    }
    pump();
  }

  /** A message the start-up read found, or one just committed. */
  private boolean take(long id, String deviceClientId) {
    if (id <= known) {
      return false; // found by the start-up read and told by the commit too
    }
    known = id;
    if (id < spool.goneBelow()) {
      return false; // dropped or expired since: the spool no longer has it
    }
    DeviceLane lane = lanes.get(deviceClientId);
    if (lane == null) {
      lane = open(deviceClientId, outlet.connectionOf(deviceClientId));
    }
    lane.add(id);
    enqueue(lane);
    return true;
  }

  /** A lane for a device the drain holds nothing of yet: the outlet learns that it now does. */
  private DeviceLane open(String deviceClientId, Object connection) {
    DeviceLane lane = new DeviceLane(deviceClientId, connection);
    lanes.put(deviceClientId, lane);
    outlet.holding(deviceClientId, true);
    return lane;
  }

  /** The device's lane is gone, all its messages done with: the outlet learns that the drain holds none. */
  private void closed(DeviceLane lane) {
    outlet.holding(lane.deviceClientId, false);
  }

  private void take(SpooledMessage committed) {
    if (take(committed.id(), committed.deviceClientId())) {
      kept.keep(committed);
    }
  }

  private void enqueue(DeviceLane lane) {
    if (!lane.queued && lane.sendable()) {
      lane.queued = true;
      ready.add(lane);
    }
  }

  private void pump() {
    if (stopped) {
      return;
    }
    if (!indexing && !committedWhileIndexing.isEmpty()) {
      // before anything committed since: ids are taken in order
      for (List<SpooledMessage> committed : committedWhileIndexing) {
        committed.forEach(m -> take(m.id(), m.deviceClientId()));
      }
      committedWhileIndexing.clear();
    }
    for (List<SpooledMessage> committed = stored.poll(); committed != null; committed = stored.poll()) {
      if (indexing) {
        // kept now, taken in turn once the start-up read is done: it may find some of them too
        committed.forEach(kept::keep);
        committedWhileIndexing.add(committed);
      } else {
        committed.forEach(this::take);
      }
    }
    for (SpooledMessage m = fresh.poll(); m != null; m = fresh.poll()) {
      sendAtOnce(m);
    }
    forgetDropped();
    while (!reading && handOnNext()) {
      // handed on from memory: go on while the window has room
    }
  }

  /**
   * Sends a message just handed in, before it is written, when nothing can be ahead of it: every earlier
   * id is known (so none of its device's earlier messages is still on its way to a lane), its device has
   * nothing waiting and no failure to retry, no read is under way, and its connection is up with room.
   * Otherwise its commit brings it in, in its turn.
   */
  private void sendAtOnce(SpooledMessage m) {
    if (m.id() != known + 1 || indexing || reading) {
      return;
    }
    DeviceLane lane = lanes.get(m.deviceClientId());
    Object c = lane != null ? lane.connection : outlet.connectionOf(m.deviceClientId());
    ConnectionState on = connections.get(c);
    if ((lane != null && !lane.takesFresh()) || !outlet.connected(c)
        || (on != null && on.outstanding >= window(c)) || outstanding >= maxOutstanding) {
      return;
    }
    if (lane == null) {
      lane = open(m.deviceClientId(), c);
    }
    known = m.id();
    lane.add(m.id());
    lane.next();
    connections.computeIfAbsent(c, key -> new ConnectionState()).outstanding++;
    outstanding++;
    handOn(new long[] {m.id()}, new DeviceLane[] {lane}, new SpooledMessage[] {m});
  }

  /**
   * Takes the next messages in turn, as many as the window has room for, and hands on those kept in
   * memory at once; when some must be read from disk, the whole turn waits for the read. False when
   * nothing was taken.
   */
  private boolean handOnNext() {
    if (outstanding >= maxOutstanding || ready.isEmpty()) {
      return false;
    }
    int limit = maxOutstanding - outstanding;
    long[] ids = new long[limit];
    DeviceLane[] of = new DeviceLane[limit];
    int n = 0;
    while (n < limit && !ready.isEmpty()) {
      DeviceLane lane = ready.poll();
      if (!lane.sendable()) {
        lane.queued = false;
        continue;
      }
      Object c = lane.connection;
      ConnectionState on = connections.computeIfAbsent(c, key -> new ConnectionState());
      if (on.outstanding >= window(c) || !outlet.connected(c)) {
        on.parked.add(lane); // stays queued: back in turn when its connection can take more
        continue;
      }
      lane.queued = false;
      of[n] = lane;
      ids[n++] = lane.next();
      on.outstanding++;
      outstanding++;
      enqueue(lane);
    }
    if (n == 0) {
      return false;
    }
    long[] batch = n == limit ? ids : Arrays.copyOf(ids, n);
    SpooledMessage[] messages = new SpooledMessage[n];
    int missing = 0;
    for (int i = 0; i < n; i++) {
      messages[i] = kept.take(batch[i]);
      if (messages[i] == null) {
        missing++;
      }
    }
    if (missing == 0) {
      handOn(batch, of, messages);
      return true;
    }
    long[] toRead = new long[missing];
    for (int i = 0, r = 0; i < n; i++) {
      if (messages[i] == null) {
        toRead[r++] = batch[i];
      }
    }
    // nothing more is handed on until these are read: a lane's later messages must not overtake them
    reading = true;
    spool.read(toRead).onComplete(ar -> context.runOnContext(v -> fetched(batch, of, messages, ar)));
    return true;
  }

  /** What was read fills the gaps; an id the spool no longer has (dropped, expired) is done with. */
  private void fetched(long[] ids, DeviceLane[] of, SpooledMessage[] messages,
      AsyncResult<List<SpooledMessage>> ar) {
    reading = false;
    if (ar.failed()) {
      LOG.warn("spool: cannot read messages to forward ({}); trying again in {} ms", ar.cause().getMessage(),
          retryDelay.toMillis());
      for (int i = 0; i < ids.length; i++) {
        returned(of[i]);
        of[i].failed();
        settle(of[i]);
      }
      return;
    }
    List<SpooledMessage> rows = ar.result();
    int r = 0;
    for (int i = 0; i < ids.length; i++) {
      // the rows come in the order asked for, without those the spool no longer has
      if (messages[i] == null && r < rows.size() && rows.get(r).id() == ids[i]) {
        messages[i] = rows.get(r++);
      }
    }
    handOn(ids, of, messages);
    pump();
  }

  /** Sends each message in turn; a gap (no longer in the spool) or an expired message is done with. */
  private void handOn(long[] ids, DeviceLane[] of, SpooledMessage[] messages) {
    long now = System.currentTimeMillis();
    for (int i = 0; i < ids.length; i++) {
      SpooledMessage m = messages[i];
      if (m != null && m.expired(now)) {
        spool.expire(m.id());
        m = null;
      }
      if (m != null) {
        send(m, of[i]);
      } else {
        returned(of[i]);
        of[i].done(ids[i]);
        settle(of[i]);
      }
    }
  }

  private void send(SpooledMessage m, DeviceLane lane) {
    outlet.send(m).onComplete(sent -> context.runOnContext(v -> sent(m, lane, sent)));
  }

  private void sent(SpooledMessage m, DeviceLane lane, AsyncResult<Void> sent) {
    returned(lane);
    if (sent.succeeded()) {
      spool.delete(m.id());
      forwarded.increment();
      lane.done(m.id());
    } else if (sent.cause() instanceof ExpiredException) {
      spool.expire(m.id());
      lane.done(m.id());
    } else if (sent.cause() instanceof RefusedException r && r.permanent()) {
      spool.delete(m.id());
      refused.increment();
      logRefusal(m, r);
      lane.done(m.id());
    } else {
      lane.failed();
    }
    settle(lane);
    pump();
  }

  /** A message of {@code lane} is no longer outstanding: its connection can take another. */
  private void returned(DeviceLane lane) {
    ConnectionState on = connections.get(lane.connection);
    on.outstanding--;
    outstanding--;
    if (unpark(on)) {
      connections.remove(lane.connection);
    }
  }

  /** Puts the lanes that waited for a connection back in turn; true when nothing is left on it. */
  private boolean unpark(ConnectionState on) {
    ready.addAll(on.parked);
    on.parked.clear();
    return on.outstanding == 0;
  }

  /** The most a connection is handed at a time. */
  private int window(Object connection) {
    return Math.max(1, outlet.window(connection));
  }

  /** After an outcome: retries a failed lane once it settled, forgets an idle one, queues one with more to send. */
  private void settle(DeviceLane lane) {
    if (lane.rewindIfSettled()) {
      lane.cooling = true;
      vertx.setTimer(retryDelay.toMillis(), id -> context.runOnContext(v -> {
        lane.cooling = false;
        enqueue(lane);
        pump();
      }));
    } else if (lane.idle()) {
      if (lanes.remove(lane.deviceClientId, lane)) {
        closed(lane);
      }
    } else {
      enqueue(lane);
    }
  }

  /** After the spool dropped or expired messages: forgets their ids, so that an outage does not grow the lanes. */
  private void forgetDropped() {
    SpoolStats stats = spool.stats();
    long dropped = stats.droppedOverflow() + stats.expired();
    if (dropped == droppedSeen) {
      return;
    }
    droppedSeen = dropped;
    long goneBelow = spool.goneBelow();
    kept.forgetBelow(goneBelow);
    lanes.values().removeIf(lane -> {
      lane.forgetBelow(goneBelow);
      if (!lane.idle()) {
        return false;
      }
      closed(lane);
      return true;
    });
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

  /** What the drain has on one upstream connection: messages handed on, and lanes waiting for it to take more. */
  private static final class ConnectionState {
    int outstanding;
    final ArrayDeque<DeviceLane> parked = new ArrayDeque<>();
  }
}
