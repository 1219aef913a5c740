package io.edgegateway.spool;

import io.edgegateway.local.Ingress.RefusedException;
import io.vertx.core.Future;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's one ordered writer: a dedicated thread (not the Vert.x worker pool) that owns the
 * {@link SpoolStore} and does group commit. Requests from any thread queue up; the writer takes as many
 * as are waiting (up to {@link SpoolOptions#maxBatch()}) and writes them in one transaction, and each
 * append's future completes only after that transaction has committed. Deletes share those
 * transactions. QoS 0 appends wait in memory until another write commits or
 * {@link SpoolOptions#qos0Delay()} passes: a crash loses them meanwhile. Futures complete on the
 * caller's Vert.x context when it had one.
 *
 * <p>A failing disk (SQLITE_FULL, an I/O error) does not stop the writer: the appends of the failed
 * transaction are refused (MQTT 5 reason 0x97), its deletes are retried, and the next transaction tries
 * again, so the spool recovers by itself when space returns.
 *
 * <p>A message gets its id when it is handed in, and whoever listens ({@link #onAccepted}) may forward it
 * at once, before it is written: the device's acknowledgement still waits for the commit, but IoT Core
 * need not wait for the disk. A message removed (acknowledged upstream, or expired) before it was written
 * is never written: its append completes as if it had been, since IoT Core has it.
 *
 * <p>QoS 0 messages are not acknowledged to their device, so nothing slows a device that sends them
 * faster than the disk takes them: once {@link #MAX_PENDING_QOS0} of them (or
 * {@link #MAX_PENDING_QOS0_BYTES}) wait for the writer, further ones are dropped and counted
 * ({@link SpoolStats#droppedBehind()}), rather than filling the heap. QoS 1 messages are bounded by
 * their devices' acknowledgement windows instead.
 */
public final class SpoolWriter {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolWriter.class);
  private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** QoS 0 messages that may wait for the writer (queued or deferred) before new ones are dropped. */
  static final int MAX_PENDING_QOS0 = 10_000;
  /** Their bytes ({@link SpooledMessage#size()}), likewise. */
  static final long MAX_PENDING_QOS0_BYTES = 8L * 1024 * 1024;
  /**
   * How long acknowledged messages' deletes may wait for another transaction before they get their own. A
   * delete lost in a crash only sends its message again; not syncing one transaction per delete halves the
   * writes of a spool whose link keeps up.
   */
  static final long DELETE_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private sealed interface Request {
  }

  private record Append(SpooledMessage message, Completion<Long> done, long queuedAtNanos) implements Request {
  }

  private record Delete(long id) implements Request {
  }

  private record Expire(long id) implements Request {
  }

  private record Read(long afterId, int limit, Completion<List<SpooledMessage>> done) implements Request {
  }

  private record ReadIds(long[] ids, Completion<List<SpooledMessage>> done) implements Request {
  }

  private record Index(long afterId, int limit, Completion<List<SpoolRow>> done) implements Request {
  }

  private record Maintenance(StoreAction action, Completion<Void> done) implements Request {
  }

  private record Close(Completion<Void> done) implements Request {
  }

  /** Work on the store, run on the writer thread between transactions. */
  @FunctionalInterface
  interface StoreAction {
    void run(SpoolStore store) throws SQLException;
  }

  private final SpoolStore store;
  private final SpoolOptions options;
  private final Clock clock;
  private final SpoolTransaction transaction;
  private final SpoolLedger ledger = new SpoolLedger();
  private final DropLog dropLog = new DropLog(DROP_LOG_INTERVAL_NANOS);
  private final LatencyHistogram commitLatency = new LatencyHistogram();
  private final ThreadDiskWrites diskWrites = new ThreadDiskWrites();
  private long bytesWrittenAtStart = -1;
  private long bytesWritten;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  /** Ids are given, and appends queued, under this lock: queue order is id order. */
  private final Object appendLock = new Object();
  private long nextId;
  private volatile Consumer<SpooledMessage> accepted = message -> { };
  /** QoS 0 appends handed in and not yet written (or refused): their count and bytes. Any thread. */
  private final AtomicLong pendingQos0 = new AtomicLong();
  private final AtomicLong pendingQos0Bytes = new AtomicLong();
  private final LongAdder droppedBehind = new LongAdder();
  private final List<Append> deferred = new ArrayList<>();
  /** Deletes not written yet: they go with the next transaction, or on their own after {@link #DELETE_DELAY_NANOS}. */
  private final List<Long> pendingDeletes = new ArrayList<>();
  private long deletesSinceNanos;
  /** Expired messages a read came across, removed and counted by the next transaction. */
  private final List<Long> expiredFound = new ArrayList<>();
  private final Thread thread;
  private volatile SpoolStats stats;
  private volatile Consumer<List<SpooledMessage>> committed = messages -> { };
  private volatile long goneBelow;
  private volatile boolean closing;
  private long deferredSinceNanos;
  private long nextSweepNanos = System.nanoTime();

  /**
   * A writer over {@code store}, which it owns from now on; call {@link #start()}.
   *
   * @throws SQLException when the highest id on disk cannot be read
   */
  public SpoolWriter(SpoolStore store, SpoolOptions options, Clock clock) throws SQLException {
    this.nextId = store.maxId() + 1;
    store.commit();
    this.store = store;
    this.options = options;
    this.clock = clock;
    this.transaction = new SpoolTransaction(store, options);
    this.stats = ledger.snapshot(0, 0, commitLatency.snapshot(), 0);
    this.thread = new Thread(this::run, "spool-writer");
    thread.setDaemon(true);
  }

  /** Starts the writer thread. Requests made before are kept and handled first, in one transaction. */
  public SpoolWriter start() {
    thread.start();
    return this;
  }

  /**
   * Stores a message; the future completes with its id once the transaction holding it has committed,
   * or fails with a {@link RefusedException} (reason 0x97) when the spool is full or its disk fails.
   */
  public Future<Long> append(SpooledMessage message) {
    Completion<Long> done = new Completion<>();
    if (message.qos() == 0 && !admitQos0(message)) {
      droppedBehind.increment();
      done.fail(new RefusedException(SpoolTransaction.QUOTA_EXCEEDED,
          "the spool's writer is behind: a QoS 0 message was dropped"));
      return done.future();
    }
    synchronized (appendLock) {
      if (closing) {
        released(message);
        done.fail(new RefusedException(SpoolTransaction.QUOTA_EXCEEDED, "the spool is closed"));
        return done.future();
      }
      SpooledMessage withId = message.withId(nextId++);
      queue.add(new Append(withId, done, System.nanoTime()));
      try {
        accepted.accept(withId);
      } catch (RuntimeException e) {
        LOG.error("spool: the listener of accepted messages failed; the message is queued", e);
      }
    }
    return done.future();
  }

  /** Counts a QoS 0 message in unless too many already wait for the writer. */
  private boolean admitQos0(SpooledMessage message) {
    int size = message.size();
    if (pendingQos0.incrementAndGet() > MAX_PENDING_QOS0
        | pendingQos0Bytes.addAndGet(size) > MAX_PENDING_QOS0_BYTES) {
      pendingQos0.decrementAndGet();
      pendingQos0Bytes.addAndGet(-size);
      return false;
    }
    return true;
  }

  /** An append was written, skipped or refused: a QoS 0 one no longer waits. */
  private void settled(Append a) {
    released(a.message());
  }

  private void released(SpooledMessage m) {
    if (m.qos() == 0) {
      pendingQos0.decrementAndGet();
      pendingQos0Bytes.addAndGet(-m.size());
    }
  }

  /**
   * Tells {@code listener} of every message handed in from now on, with its id, in id order, before it is
   * written: on the appending thread, under the writer's lock, so it must only hand the message on. One
   * listener; set before appends that it must see.
   */
  void onAccepted(Consumer<SpooledMessage> listener) {
    accepted = listener;
  }

  /**
   * Removes a message once IoT Core has acknowledged it; written with the next transaction, or, when it
   * has not been written yet, it never is.
   */
  public void delete(long id) {
    if (!closing) {
      queue.add(new Delete(id));
    }
  }

  /** Removes a message whose time to live passed before it could be sent, counting it as expired. */
  public void expire(long id) {
    if (!closing) {
      queue.add(new Expire(id));
    }
  }

  /**
   * Up to {@code limit} stored, unexpired messages after {@code afterId}, in id order: acceptance order,
   * so each device's messages stay in the order it published them.
   */
  public Future<List<SpooledMessage>> readAfter(long afterId, int limit) {
    Completion<List<SpooledMessage>> done = new Completion<>();
    offer(new Read(afterId, limit, done), done);
    return done.future();
  }

  /**
   * The stored messages with these ids, in the given order, leaving out those no longer stored
   * (acknowledged, dropped) or expired.
   */
  Future<List<SpooledMessage>> read(long[] ids) {
    Completion<List<SpooledMessage>> done = new Completion<>();
    offer(new ReadIds(ids, done), done);
    return done.future();
  }

  /** Ids and devices of up to {@code limit} stored messages after {@code afterId}, in id order. */
  Future<List<SpoolRow>> index(long afterId, int limit) {
    Completion<List<SpoolRow>> done = new Completion<>();
    offer(new Index(afterId, limit, done), done);
    return done.future();
  }

  /**
   * Tells {@code listener} of every message stored from now on (with its id), in id order, on the writer
   * thread right after the commit: it must only hand them on. One listener; set before appends that it
   * must see.
   */
  void onCommitted(Consumer<List<SpooledMessage>> listener) {
    committed = listener;
  }

  /** Every message with a lower id is gone from disk: acknowledged, dropped or expired. Any thread. */
  long goneBelow() {
    return goneBelow;
  }

  /** The spool's totals after its last transaction. Any thread. */
  public SpoolStats stats() {
    return stats;
  }

  /** Writes what is queued (QoS 0 messages included), then closes the database. */
  public Future<Void> close() {
    Completion<Void> done = new Completion<>();
    offer(new Close(done), done);
    closing = true;
    return done.future();
  }

  /** Runs {@code action} on the writer thread between transactions (tests and tools). */
  Future<Void> maintenance(StoreAction action) {
    Completion<Void> done = new Completion<>();
    offer(new Maintenance(action, done), done);
    return done.future();
  }

  private void offer(Request request, Completion<?> done) {
    if (closing) {
      done.fail(new RefusedException(SpoolTransaction.QUOTA_EXCEEDED, "the spool is closed"));
    } else {
      queue.add(request);
    }
  }

  private void run() {
    bytesWrittenAtStart = diskWrites.read();
    try {
      SpoolStore.Totals totals = store.totals();
      ledger.messages = totals.messages();
      ledger.bytes = totals.bytes();
      ledger.oldestAcceptedAt = totals.oldestAcceptedAt();
      SpoolRow.Oldest oldest = store.oldest();
      ledger.oldestId = oldest == null ? -1 : oldest.id();
      ledger.lastId = store.maxId();
      store.commit();
      goneBelow = ledger.goneBelow();
      bytesWritten = bytesWritten();
      stats = ledger.snapshot(0, droppedBehind.sum(), commitLatency.snapshot(), bytesWritten);
      LOG.info("spool: {} messages, {} bytes waiting to be forwarded", totals.messages(), totals.bytes());
    } catch (SQLException e) {
      LOG.error("spool: cannot read the spool's totals; counting from zero", e);
    }
    boolean open = true;
    while (open) {
      List<Request> batch = new ArrayList<>();
      try {
        Request first = queue.poll(waitMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, options.maxBatch() - 1);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.error("spool: the writer was interrupted; closing the spool");
        batch.add(new Close(new Completion<>()));
      }
      try {
        open = handle(batch);
      } catch (RuntimeException e) {
        LOG.error("spool: unexpected failure of the writer; its requests fail and it carries on", e);
        failAll(batch, e);
      }
    }
    failAll(new ArrayList<>(queue), new RefusedException(SpoolTransaction.QUOTA_EXCEEDED, "the spool is closed"));
  }

  /** Handles one batch of requests; false once the spool is closed. */
  private boolean handle(List<Request> batch) {
    long now = clock.millis();
    long nowNanos = System.nanoTime();
    List<Append> appends = new ArrayList<>();
    if (pendingDeletes.isEmpty()) {
      deletesSinceNanos = nowNanos; // any delete of this batch is the first to wait
    }
    List<Long> deletes = new ArrayList<>(pendingDeletes);
    pendingDeletes.clear();
    List<Request> afterCommit = new ArrayList<>();
    Close close = null;
    List<Append> arrived = new ArrayList<>();
    boolean durable = false;
    // a read must find every message handed in before it: QoS 0 ones waiting in memory are written first;
    // tools and tests (maintenance) see every acknowledged message gone
    boolean reads = false;
    boolean maintenance = false;
    for (Request r : batch) {
      if (r instanceof Append a) {
        arrived.add(a);
        durable |= a.message().qos() > 0;
      } else if (r instanceof Delete d) {
        deletes.add(d.id());
      } else if (r instanceof Expire e) {
        expiredFound.add(e.id());
      } else if (r instanceof Close c) {
        close = c;
      } else {
        afterCommit.add(r);
        reads |= r instanceof ReadIds || r instanceof Read || r instanceof Index;
        maintenance |= r instanceof Maintenance;
      }
    }
    List<Append> skipped = new ArrayList<>();
    if (!deletes.isEmpty() || !expiredFound.isEmpty()) {
      skipRemoved(List.of(arrived, deferred), deletes, skipped);
    }
    if (deferred.isEmpty() && !arrived.isEmpty()) {
      deferredSinceNanos = nowNanos;
    }
    int qos0 = deferred.size() + (durable ? 0 : arrived.size());
    boolean deletesDue = !deletes.isEmpty() && (maintenance || deletes.size() >= options.maxBatch()
        || nowNanos - deletesSinceNanos >= DELETE_DELAY_NANOS);
    boolean sweep = nowNanos - nextSweepNanos >= 0;
    if (sweep) {
      nextSweepNanos = nowNanos + options.sweepInterval().toNanos();
    }
    boolean flush = durable || close != null || qos0 >= options.maxBatch() || reads || deletesDue
        || (qos0 > 0 && nowNanos - deferredSinceNanos >= options.qos0Delay().toNanos());
    if (flush) {
      // QoS 0 messages that waited are older than this batch: they go first; the batch keeps its order
      appends.addAll(deferred);
      appends.addAll(arrived);
      deferred.clear();
    } else {
      deferred.addAll(arrived); // only QoS 0 ones: they wait
    }
    if (flush || sweep || !expiredFound.isEmpty()) {
      write(appends, deletes, sweep, now); // waiting deletes go with any transaction
    } else {
      pendingDeletes.addAll(deletes); // they wait for one
      publishStats(false);
    }
    for (Append a : skipped) {
      a.done().succeed(a.message().id());
    }
    for (Request r : afterCommit) {
      if (r instanceof Read read) {
        read(read, now);
      } else if (r instanceof ReadIds read) {
        readIds(read, now);
      } else if (r instanceof Index index) {
        index(index);
      } else if (r instanceof Maintenance m) {
        maintain(m);
      }
    }
    if (close != null) {
      closeStore(close);
      return false;
    }
    return true;
  }

  /**
   * Appends not yet written whose message was already removed (acknowledged upstream or expired) are not
   * written: they are counted, and complete as stored (after the stats count them), since IoT Core has
   * them (or they expired).
   */
  private void skipRemoved(List<List<Append>> pendingLists, List<Long> deletes, List<Append> skipped) {
    if (pendingLists.stream().allMatch(List::isEmpty)) {
      return;
    }
    Set<Long> acknowledged = new HashSet<>(deletes);
    Set<Long> expired = new HashSet<>(expiredFound);
    Set<Long> gone = new HashSet<>();
    for (List<Append> pending : pendingLists) {
      for (Iterator<Append> it = pending.iterator(); it.hasNext(); ) {
        Append a = it.next();
        long id = a.message().id();
        if (acknowledged.contains(id)) {
          ledger.writeSkipped++;
        } else if (expired.contains(id)) {
          ledger.expired++;
        } else {
          continue;
        }
        it.remove();
        gone.add(id);
        settled(a);
        skipped.add(a); // completed once the stats count it
      }
    }
    if (!gone.isEmpty()) {
      deletes.removeIf(gone::contains);
      expiredFound.removeIf(gone::contains);
    }
  }

  private void write(List<Append> appends, List<Long> deletes, boolean sweep, long now) {
    List<SpooledMessage> messages = appends.stream().map(Append::message).toList();
    List<SpoolTransaction.Outcome> outcomes;
    boolean wasFailing = ledger.storageFailing;
    try {
      outcomes = transaction.run(ledger, messages, deletes, expiredFound, sweep, now);
      expiredFound.clear();
    } catch (SQLException | RuntimeException e) {
      storageFailed(e, appends, deletes);
      return;
    }
    if (wasFailing) {
      LOG.info("spool: writing to the spool succeeds again; accepting new messages ({} refused meanwhile)",
          ledger.refusedStorage);
    }
    long committedAt = System.nanoTime();
    for (Append a : appends) {
      if (a.message().qos() > 0) {
        commitLatency.record(committedAt - a.queuedAtNanos());
      }
    }
    publishStats(true);
    List<SpooledMessage> stored = new ArrayList<>(appends.size());
    for (int i = 0; i < appends.size(); i++) {
      if (outcomes.get(i).refusal() == null) {
        stored.add(appends.get(i).message().withId(outcomes.get(i).id()));
      }
    }
    if (!stored.isEmpty()) {
      try {
        committed.accept(stored);
      } catch (RuntimeException e) {
        LOG.error("spool: the listener of stored messages failed; the messages are stored", e);
      }
    }
    for (int i = 0; i < appends.size(); i++) {
      SpoolTransaction.Outcome o = outcomes.get(i);
      settled(appends.get(i));
      if (o.refusal() == null) {
        appends.get(i).done().succeed(o.id());
      } else {
        appends.get(i).done().fail(o.refusal());
      }
    }
  }

  private void storageFailed(Exception e, List<Append> appends, List<Long> deletes) {
    if (!ledger.storageFailing) {
      LOG.error("spool: writing to the spool failed ({}); refusing new messages until a write succeeds",
          e.getMessage(), e);
    }
    ledger.storageFailing = true;
    ledger.refusedStorage += appends.size();
    if (pendingDeletes.isEmpty()) {
      deletesSinceNanos = System.nanoTime();
    }
    pendingDeletes.addAll(deletes);
    publishStats(true);
    RefusedException refusal = new RefusedException(SpoolTransaction.QUOTA_EXCEEDED,
        "the spool cannot write to its disk: " + e.getMessage());
    appends.forEach(a -> {
      settled(a);
      a.done().fail(refusal);
    });
  }

  /**
   * Publishes the totals; before any future of the batch completes, so its caller sees them. The bytes
   * written are read from the kernel only after a transaction: reads write next to nothing.
   */
  private void publishStats(boolean wrote) {
    goneBelow = ledger.goneBelow();
    if (wrote) {
      bytesWritten = bytesWritten();
    }
    stats = ledger.snapshot(deferred.size(), droppedBehind.sum(), commitLatency.snapshot(), bytesWritten);
    dropLog.report(stats, System.nanoTime());
  }

  private void read(Read read, long now) {
    try {
      List<SpooledMessage> rows = store.readAfter(read.afterId(), now, read.limit());
      store.commit();
      read.done().succeed(rows);
    } catch (SQLException e) {
      read.done().fail(e);
    }
  }

  private void readIds(ReadIds read, long now) {
    try {
      List<SpooledMessage> rows = store.read(read.ids());
      store.commit();
      ledger.readBack += rows.size();
      List<SpooledMessage> live = new ArrayList<>(rows.size());
      for (SpooledMessage m : rows) {
        if (m.expired(now)) {
          expiredFound.add(m.id());
        } else {
          live.add(m);
        }
      }
      publishStats(false);
      read.done().succeed(live);
    } catch (SQLException e) {
      read.done().fail(e);
    }
  }

  private void index(Index index) {
    try {
      List<SpoolRow> rows = store.indexAfter(index.afterId(), index.limit());
      store.commit();
      index.done().succeed(rows);
    } catch (SQLException e) {
      index.done().fail(e);
    }
  }

  private void maintain(Maintenance m) {
    try {
      m.action().run(store);
      m.done().succeed(null);
    } catch (SQLException | RuntimeException e) {
      m.done().fail(e);
    }
  }

  private void closeStore(Close close) {
    closing = true;
    try {
      store.close();
      LOG.info("spool: closed with {} messages, {} bytes waiting", ledger.messages, ledger.bytes);
      close.done().succeed(null);
    } catch (SQLException e) {
      LOG.error("spool: closing the database failed", e);
      close.done().fail(e);
    }
  }

  /** Bytes this thread wrote since the writer started (the store was opened before: not counted). */
  private long bytesWritten() {
    long now = diskWrites.read();
    return now < 0 || bytesWrittenAtStart < 0 ? -1 : now - bytesWrittenAtStart;
  }

  private long waitMillis() {
    long now = System.nanoTime();
    long wait = nextSweepNanos - now;
    if (!deferred.isEmpty()) {
      wait = Math.min(wait, deferredSinceNanos + options.qos0Delay().toNanos() - now);
    }
    if (!pendingDeletes.isEmpty()) {
      wait = Math.min(wait, deletesSinceNanos + DELETE_DELAY_NANOS - now);
    }
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(wait) + 1);
  }

  private void failAll(List<Request> requests, Throwable cause) {
    for (Request r : requests) {
      if (r instanceof Append a) {
        settled(a);
        a.done().fail(cause);
      } else if (r instanceof Read read) {
        read.done().fail(cause);
      } else if (r instanceof ReadIds read) {
        read.done().fail(cause);
      } else if (r instanceof Index index) {
        index.done().fail(cause);
      } else if (r instanceof Maintenance m) {
        m.done().fail(cause);
      } else if (r instanceof Close c) {
        c.done().succeed(null);
      }
    }
  }
}
