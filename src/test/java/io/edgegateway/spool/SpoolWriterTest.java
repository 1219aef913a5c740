package io.edgegateway.spool;

import static io.edgegateway.spool.SpoolFixture.await;
import static io.edgegateway.spool.SpoolFixture.message;
import static io.edgegateway.spool.SpoolFixture.rowsSeenByAnotherConnection;
import static io.edgegateway.spool.SpoolFixture.writer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.authorizer.MutableClock;
import io.edgegateway.local.Ingress.RefusedException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolWriterTest {

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<SpoolWriter> writers = new ArrayList<>();

  @AfterEach
  void closeWriters() throws Exception {
    for (SpoolWriter w : writers) {
      await(w.close());
    }
  }

  private SpoolWriter started(SpoolOptions options) throws Exception {
    SpoolWriter w = writer(dir, options, clock).start();
    writers.add(w);
    return w;
  }

  @Test
  void readsBackInAcceptanceOrder() throws Exception {
    SpoolWriter spool = started(SpoolOptions.defaults());
    List<Future<Long>> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(spool.append(message(i % 2 == 0 ? "a" : "b", i)));
    }
    List<Long> stored = new ArrayList<>();
    for (Future<Long> id : ids) {
      stored.add(await(id));
    }
    assertThat(stored).isSorted().doesNotHaveDuplicates();

    List<SpooledMessage> read = await(spool.readAfter(0, 100));
    assertThat(read).extracting(SpooledMessage::id).containsExactlyElementsOf(stored);
    assertThat(read).extracting(m -> m.payload().toString()).startsWith("payload-0", "payload-1", "payload-2");
    assertThat(read.get(0)).isEqualTo(message("a", 0).withId(stored.get(0)));
    assertThat(await(spool.readAfter(stored.get(9), 5))).extracting(SpooledMessage::id)
        .containsExactlyElementsOf(stored.subList(10, 15));
    SpoolStats stats = spool.stats();
    assertThat(stats.messages()).isEqualTo(20);
    assertThat(stats.bytes()).isEqualTo(read.stream().mapToLong(SpooledMessage::size).sum());
    assertThat(stats.oldestAcceptedAt()).isEqualTo(1_000);
  }

  @Test
  void anAppendCompletesOnlyOnceItsTransactionHasCommitted() throws Exception {
    SpoolWriter spool = writer(dir, SpoolOptions.defaults(), clock);
    writers.add(spool);
    Future<Long> id = spool.append(message("a", 1));
    // the writer is not running: nothing has committed, and nothing may be acknowledged
    assertThat(id.isComplete()).isFalse();
    assertThat(rowsSeenByAnotherConnection(dir)).isZero();

    spool.start();
    // checked on the writer thread the moment the future completes: the row is already visible to others
    long seen = await(id.map(x -> rowsSeenByAnotherConnection(dir)));
    assertThat(seen).isEqualTo(1);
  }

  @Test
  void appendsWaitingTogetherShareOneTransaction() throws Exception {
    SpoolWriter spool = writer(dir, SpoolOptions.defaults().withMaxBatch(40), clock);
    writers.add(spool);
    List<Future<Long>> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(spool.append(message("d" + (i % 7), i)));
    }
    spool.start();
    for (Future<Long> id : ids) {
      await(id);
    }
    // 100 queued appends, at most 40 per transaction
    assertThat(spool.stats().transactions()).isEqualTo(3);
    assertThat(spool.stats().appended()).isEqualTo(100);
  }

  @Test
  void deleteRemovesAcknowledgedMessages() throws Exception {
    SpoolWriter spool = started(SpoolOptions.defaults());
    long first = await(spool.append(message("a", 1)));
    long second = await(spool.append(message("a", 2)));
    long third = await(spool.append(message("a", 3)));
    spool.delete(first);
    spool.delete(third);
    spool.delete(third); // a repeated acknowledgement is harmless

    assertThat(await(spool.readAfter(0, 10))).extracting(SpooledMessage::id).containsExactly(second);
    assertThat(spool.stats().messages()).isEqualTo(1);
    assertThat(spool.stats().deleted()).isEqualTo(2);
    assertThat(spool.stats().bytes()).isEqualTo(message("a", 2).size());
  }

  @Test
  void rowsSurviveCloseAndReopen() throws Exception {
    SpoolWriter spool = writer(dir, SpoolOptions.defaults(), clock).start();
    long id = await(spool.append(message("a", 1)));
    await(spool.append(message("a", 2)));
    spool.delete(id);
    await(spool.close());

    SpoolWriter reopened = started(SpoolOptions.defaults());
    assertThat(await(reopened.readAfter(0, 10))).extracting(m -> m.payload().toString()).containsExactly("payload-2");
    assertThat(reopened.stats().messages()).isEqualTo(1);
    assertThat(await(reopened.append(message("a", 3)))).isGreaterThan(id + 1);
  }

  @Test
  void everyAcknowledgedAppendSurvivesAnAbandonedWriter() throws Exception {
    SpoolWriter abandoned = writer(dir, SpoolOptions.defaults(), clock).start();
    List<Future<Long>> ids = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      ids.add(abandoned.append(message("d" + (i % 10), i)));
    }
    List<Long> acknowledged = new ArrayList<>();
    for (Future<Long> id : ids) {
      acknowledged.add(await(id));
    }
    // never closed: its connection still open, as after a crash; a new one must see every acknowledged row
    SpoolWriter after = started(SpoolOptions.defaults());
    assertThat(await(after.readAfter(0, 1_000))).extracting(SpooledMessage::id)
        .containsExactlyElementsOf(acknowledged);
  }

  @Test
  void refuseNewRefusesWhenFullAndDropsNothing() throws Exception {
    SpoolWriter spool = started(SpoolOptions.defaults().withMaxMessages(3).withOverflow(OverflowPolicy.REFUSE_NEW));
    for (int i = 0; i < 3; i++) {
      await(spool.append(message("a", i)));
    }
    assertThatThrownBy(() -> await(spool.append(message("a", 3))))
        .isInstanceOfSatisfying(RefusedException.class, e -> {
          assertThat(e.reasonCode()).isEqualTo(0x97);
          assertThat(e.permanent()).isFalse();
          assertThat(e.getMessage()).contains("spool is full");
        });
    assertThat(await(spool.readAfter(0, 10))).extracting(m -> m.payload().toString())
        .containsExactly("payload-0", "payload-1", "payload-2");
    assertThat(spool.stats().refusedFull()).isEqualTo(1);
    assertThat(spool.stats().droppedOverflow()).isZero();
  }

  @Test
  void refuseNewAlsoBoundsBytes() throws Exception {
    int size = message("a", 0).size();
    SpoolWriter spool = started(SpoolOptions.defaults().withMaxBytes(2L * size));
    await(spool.append(message("a", 0)));
    await(spool.append(message("a", 1)));
    assertThatThrownBy(() -> await(spool.append(message("a", 2)))).isInstanceOf(RefusedException.class);
    assertThat(spool.stats().bytes()).isEqualTo(2L * size);
  }

  @Test
  void dropOldestMakesRoomAndCountsTheDrops() throws Exception {
    SpoolWriter spool = started(SpoolOptions.defaults().withMaxMessages(3).withOverflow(OverflowPolicy.DROP_OLDEST));
    for (int i = 0; i < 5; i++) {
      await(spool.append(message("a", i)));
    }
    assertThat(await(spool.readAfter(0, 10))).extracting(m -> m.payload().toString())
        .containsExactly("payload-2", "payload-3", "payload-4");
    assertThat(spool.stats().droppedOverflow()).isEqualTo(2);
    assertThat(spool.stats().messages()).isEqualTo(3);
    assertThat(spool.stats().refusedFull()).isZero();
  }

  @Test
  void dropOldestByBytesDropsAsManyAsNeeded() throws Exception {
    int small = message("a", 0).size();
    SpoolWriter spool = started(SpoolOptions.defaults().withMaxBytes(4L * small)
        .withOverflow(OverflowPolicy.DROP_OLDEST));
    for (int i = 0; i < 4; i++) {
      await(spool.append(message("a", i)));
    }
    SpooledMessage big = new SpooledMessage(0, "a", "dt/a/data", Buffer.buffer(new byte[3 * small - 12]), 1, false,
        0, 1_000, SpooledMessage.NEVER);
    await(spool.append(big));
    assertThat(spool.stats().droppedOverflow()).isEqualTo(3);
    assertThat(spool.stats().bytes()).isLessThanOrEqualTo(4L * small);
    assertThat(await(spool.readAfter(0, 10))).hasSize(2);
  }

  @Test
  void aMessageLargerThanTheSpoolIsRefusedForGood() throws Exception {
    SpoolWriter spool = started(SpoolOptions.defaults().withMaxBytes(100).withOverflow(OverflowPolicy.DROP_OLDEST));
    long kept = await(spool.append(message("a", 0)));
    SpooledMessage huge = new SpooledMessage(0, "a", "t", Buffer.buffer(new byte[200]), 1, false, 0, 0,
        SpooledMessage.NEVER);
    assertThatThrownBy(() -> await(spool.append(huge)))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.permanent()).isTrue());
    assertThat(await(spool.readAfter(0, 10))).extracting(SpooledMessage::id).containsExactly(kept);
  }

  @Test
  void expiredMessagesAreNeitherReadNorKept() throws Exception {
    SpoolOptions options = SpoolOptions.defaults().withTimeToLive(Duration.ofMinutes(10))
        .withSweepInterval(Duration.ZERO);
    SpoolWriter spool = started(options);
    long now = clock.millis();
    await(spool.append(message("a", 1, 1, now, options.expiresAt(now))));
    clock.advance(Duration.ofMinutes(5));
    long later = clock.millis();
    await(spool.append(message("a", 2, 1, later, options.expiresAt(later))));

    clock.advance(Duration.ofMinutes(6));
    // the first is past its time to live; the sweep (due at every batch here) removes it
    assertThat(await(spool.readAfter(0, 10))).extracting(m -> m.payload().toString()).containsExactly("payload-2");
    assertThat(spool.stats().expired()).isEqualTo(1);
    assertThat(spool.stats().messages()).isEqualTo(1);
    assertThat(spool.stats().oldestAcceptedAt()).isEqualTo(later);
    assertThat(rowsSeenByAnotherConnection(dir)).isEqualTo(1);
  }

  @Test
  void aMessageExpiringOutOfOrderIsNotReadAndIsCountedWhenFound() throws Exception {
    // a time to live shortened since the first message was stored: the sweep, walking from the oldest,
    // stops at the first message, which has not expired
    SpoolWriter spool = started(SpoolOptions.defaults().withSweepInterval(Duration.ZERO));
    long now = clock.millis();
    long kept = await(spool.append(message("a", 1, 1, now, SpooledMessage.NEVER)));
    long shortLived = await(spool.append(message("b", 2, 1, now, now + 1_000)));
    clock.advance(Duration.ofSeconds(2));

    assertThat(await(spool.read(new long[] {kept, shortLived}))).extracting(SpooledMessage::id).containsExactly(kept);
    // the read found it expired: the next transaction removes and counts it
    await(spool.append(message("a", 3)));
    assertThat(spool.stats().expired()).isEqualTo(1);
    assertThat(await(spool.readAfter(0, 10))).extracting(m -> m.payload().toString())
        .containsExactly("payload-1", "payload-3");
    assertThat(rowsSeenByAnotherConnection(dir)).isEqualTo(2);
  }

  @Test
  void countsTheBytesItWritesToDisk() throws Exception {
    SpoolWriter spool = started(SpoolOptions.defaults());
    List<Future<Long>> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(spool.append(new SpooledMessage(0, "a", "t", Buffer.buffer(new byte[1_000]), 1, false, 0, 0,
          SpooledMessage.NEVER)));
    }
    for (Future<Long> id : ids) {
      await(id);
    }
    // every payload byte went to the WAL at least once (this machine is Linux, which counts per thread)
    assertThat(spool.stats().bytesWritten()).isGreaterThanOrEqualTo(100_000);
  }

  @Test
  void qos0AppendsWaitInMemoryUntilAnotherWriteCommits() throws Exception {
    SpoolWriter spool = started(SpoolOptions.defaults().withQos0Delay(Duration.ofHours(1)));
    Future<Long> qos0 = spool.append(message("a", 1, 0, 1_000, SpooledMessage.NEVER));
    await(spool.maintenance(store -> { })); // the writer has seen the QoS 0 append
    assertThat(qos0.isComplete()).isFalse();
    assertThat(spool.stats().deferred()).isEqualTo(1);
    assertThat(rowsSeenByAnotherConnection(dir)).isZero();

    long qos1 = await(spool.append(message("a", 2)));
    // written first, in the same transaction: the device's order holds
    assertThat(await(qos0)).isLessThan(qos1);
    assertThat(spool.stats().transactions()).isEqualTo(1);
  }

  @Test
  void aQos0MessageArrivingInTheSameBatchAfterAQos1OneKeepsTheDevicesOrder() throws Exception {
    // queued before the writer starts: both are in its first batch, the QoS 1 message first
    SpoolWriter spool = writer(dir, SpoolOptions.defaults(), clock);
    writers.add(spool);
    Future<Long> first = spool.append(message("a", 1));
    Future<Long> second = spool.append(message("a", 2, 0, 1_000, SpooledMessage.NEVER));
    spool.start();

    assertThat(await(first)).as("the id of the device's first message (QoS 1)").isLessThan(await(second));
    assertThat(await(spool.readAfter(0, 10))).extracting(m -> m.payload().toString())
        .containsExactly("payload-1", "payload-2");
  }

  @Test
  void qos0MessagesBeyondWhatMayWaitForTheWriterAreDroppedAndCounted() throws Exception {
    // not started: everything handed in waits for the writer
    SpoolWriter spool = writer(dir, SpoolOptions.defaults(), clock);
    writers.add(spool);
    List<Future<Long>> waiting = new ArrayList<>();
    for (int i = 0; i < SpoolWriter.MAX_PENDING_QOS0; i++) {
      waiting.add(spool.append(message("a", i, 0, 1_000, SpooledMessage.NEVER)));
    }
    Future<Long> qos1 = spool.append(message("a", SpoolWriter.MAX_PENDING_QOS0));
    Future<Long> beyond = spool.append(message("b", 1, 0, 1_000, SpooledMessage.NEVER));

    assertThatThrownBy(() -> await(beyond)).isInstanceOf(RefusedException.class)
        .hasMessageContaining("writer is behind");
    spool.start();
    for (Future<Long> f : waiting) {
      await(f);
    }
    await(qos1); // QoS 1 messages are not bounded here: their devices' windows bound them
    assertThat(spool.stats().droppedBehind()).isEqualTo(1);
    assertThat(spool.stats().messages()).isEqualTo(SpoolWriter.MAX_PENDING_QOS0 + 1);
    // written, they no longer count: room again
    await(spool.append(message("b", 2, 0, 1_000, SpooledMessage.NEVER)));
  }

  @Test
  void qos0MessagesWaitingForTheWriterAreAlsoBoundedByBytes() throws Exception {
    SpoolWriter spool = writer(dir, SpoolOptions.defaults(), clock);
    writers.add(spool);
    SpooledMessage big = new SpooledMessage(0, "a", "t", Buffer.buffer(new byte[64 * 1024]), 0, false, 0, 1_000,
        SpooledMessage.NEVER);
    List<Future<Long>> appends = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      appends.add(spool.append(big));
    }

    long fit = SpoolWriter.MAX_PENDING_QOS0_BYTES / big.size();
    assertThat(appends.stream().filter(Future::failed).count()).isEqualTo(200 - fit);
    spool.start();
    for (Future<Long> f : appends.subList(0, (int) fit)) {
      await(f);
    }
    assertThat(spool.stats().droppedBehind()).isEqualTo(200 - fit);
  }

  @Test
  void eachMessageHasItsIdWhenHandedInAndListenersLearnThemInOrder() throws Exception {
    SpoolWriter spool = writer(dir, SpoolOptions.defaults(), clock);
    writers.add(spool);
    List<Long> told = new ArrayList<>();
    spool.onAccepted(m -> told.add(m.id()));
    Future<Long> first = spool.append(message("a", 1));
    Future<Long> second = spool.append(message("b", 1, 0, 1_000, SpooledMessage.NEVER));
    assertThat(told).hasSize(2);
    assertThat(told.get(1)).isGreaterThan(told.get(0));

    spool.start();
    assertThat(List.of(await(first), await(second))).isEqualTo(told);
  }

  @Test
  void aMessageAcknowledgedBeforeItIsWrittenIsNeverWritten() throws Exception {
    SpoolWriter spool = writer(dir, SpoolOptions.defaults().withQos0Delay(Duration.ofHours(1)), clock);
    writers.add(spool);
    List<Long> told = new ArrayList<>();
    spool.onAccepted(m -> told.add(m.id()));
    Future<Long> qos1 = spool.append(message("a", 1));
    Future<Long> qos0 = spool.append(message("a", 2, 0, 1_000, SpooledMessage.NEVER));
    told.forEach(spool::delete); // IoT Core acknowledged both before the writer got to them
    spool.start();

    assertThat(List.of(await(qos1), await(qos0))).isEqualTo(told);
    assertThat(spool.stats().writeSkipped()).isEqualTo(2);
    assertThat(spool.stats().messages()).isZero();
    assertThat(rowsSeenByAnotherConnection(dir)).isZero();
  }

  @Test
  void aMessageThatExpiredBeforeItWasWrittenIsNeverWrittenAndIsCounted() throws Exception {
    SpoolWriter spool = writer(dir, SpoolOptions.defaults(), clock);
    writers.add(spool);
    List<Long> told = new ArrayList<>();
    spool.onAccepted(m -> told.add(m.id()));
    Future<Long> append = spool.append(message("a", 1, 1, 1_000, 2_000));
    spool.expire(told.get(0));
    spool.start();

    await(append);
    assertThat(spool.stats().expired()).isEqualTo(1);
    assertThat(spool.stats().writeSkipped()).isZero();
    assertThat(rowsSeenByAnotherConnection(dir)).isZero();
  }

  @Test
  void aReadFindsQos0MessagesStillWaitingInMemory() throws Exception {
    SpoolWriter spool = started(SpoolOptions.defaults().withQos0Delay(Duration.ofHours(1)));
    List<Long> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    spool.onAccepted(m -> told.add(m.id()));
    spool.append(message("a", 1, 0, 1_000, SpooledMessage.NEVER));

    assertThat(await(spool.read(new long[] {told.get(0)}))).extracting(m -> m.payload().toString())
        .containsExactly("payload-1");
  }

  @Test
  void anAcknowledgedDeleteWaitsForTheNextTransactionRatherThanSyncingOneOfItsOwn() throws Exception {
    SpoolWriter spool = started(SpoolOptions.defaults().withQos0Delay(Duration.ofHours(1))
        .withSweepInterval(Duration.ofHours(1)));
    long id = await(spool.append(message("a", 1)));
    long transactions = spool.stats().transactions();

    spool.delete(id);
    spool.append(message("a", 2, 0, 1_000, SpooledMessage.NEVER)); // waits in memory: no transaction
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (spool.stats().deferred() != 1) { // the writer has handled the delete, in this batch or before
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(spool.stats().deleted()).isZero();
    assertThat(spool.stats().transactions()).isEqualTo(transactions);

    await(spool.append(message("a", 3))); // the next transaction takes the delete along
    assertThat(spool.stats().deleted()).isEqualTo(1);
    assertThat(spool.stats().transactions()).isEqualTo(transactions + 1);
    assertThat(rowsSeenByAnotherConnection(dir)).isEqualTo(2);
  }

  @Test
  void anAcknowledgedDeleteIsWrittenWithinASecondWhenNothingElseIs() throws Exception {
    SpoolWriter spool = started(SpoolOptions.defaults().withSweepInterval(Duration.ofHours(1)));
    long id = await(spool.append(message("a", 1)));
    spool.delete(id);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (spool.stats().deleted() != 1) {
      assertThat(System.nanoTime()).as("deleted within 10 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(rowsSeenByAnotherConnection(dir)).isZero();
  }

  @Test
  void qos0AppendsAreWrittenWithinTheirDelay() throws Exception {
    SpoolWriter spool = started(SpoolOptions.defaults().withQos0Delay(Duration.ofMillis(50)));
    long id = await(spool.append(message("a", 1, 0, 1_000, SpooledMessage.NEVER)));
    assertThat(await(spool.readAfter(0, 10))).extracting(SpooledMessage::id).containsExactly(id);
  }

  @Test
  void closeWritesWhatIsQueued() throws Exception {
    SpoolWriter spool = writer(dir, SpoolOptions.defaults().withQos0Delay(Duration.ofHours(1)), clock).start();
    Future<Long> qos0 = spool.append(message("a", 1, 0, 1_000, SpooledMessage.NEVER));
    Future<Long> qos1 = spool.append(message("a", 2));
    await(spool.close());
    assertThat(qos0.succeeded()).isTrue();
    assertThat(qos1.succeeded()).isTrue();
    assertThat(rowsSeenByAnotherConnection(dir)).isEqualTo(2);
    assertThatThrownBy(() -> await(spool.append(message("a", 3)))).isInstanceOf(RefusedException.class);
  }

  @Test
  void aFullDiskRefusesNewMessagesAndRecoversWhenSpaceReturns() throws Exception {
    SpoolWriter spool = started(SpoolOptions.defaults());
    long kept = await(spool.append(message("a", 0)));
    // SQLite's own limit on the file's size gives the real "database or disk is full" (SQLITE_FULL)
    await(spool.maintenance(store -> store.execute("PRAGMA max_page_count = " + pageCount(store))));
    SpooledMessage big = new SpooledMessage(0, "a", "t", Buffer.buffer(new byte[64 * 1024]), 1, false, 0, 0,
        SpooledMessage.NEVER);

    assertThatThrownBy(() -> await(spool.append(big)))
        .isInstanceOfSatisfying(RefusedException.class, e -> {
          assertThat(e.reasonCode()).isEqualTo(0x97);
          assertThat(e.getMessage()).contains("cannot write");
        });
    assertThat(spool.stats().storageFailing()).isTrue();
    assertThat(spool.stats().refusedStorage()).isEqualTo(1);
    // the writer carries on: it reads, and deletes (which need no new pages)
    assertThat(await(spool.readAfter(0, 10))).extracting(SpooledMessage::id).containsExactly(kept);
    spool.delete(kept);
    assertThat(await(spool.readAfter(0, 10))).isEmpty();

    await(spool.maintenance(store -> store.execute("PRAGMA max_page_count = 1000000")));
    long id = await(spool.append(big));
    assertThat(spool.stats().storageFailing()).isFalse();
    assertThat(await(spool.readAfter(0, 10))).extracting(SpooledMessage::id).containsExactly(id);
  }

  @Test
  void deletesOfAFailedTransactionAreRetried() throws Exception {
    SpoolWriter first = writer(dir, SpoolOptions.defaults(), clock).start();
    long kept = await(first.append(message("a", 0)));
    await(first.close());

    SpoolStore store = new SpoolOpener(clock).open(dir, Durability.FULL).store();
    store.execute("PRAGMA max_page_count = " + pageCount(store));
    SpoolWriter spool = new SpoolWriter(store, SpoolOptions.defaults().withSweepInterval(Duration.ofHours(1)), clock);
    writers.add(spool);
    // queued together, so they share the transaction that the full disk fails
    spool.delete(kept);
    Future<Long> big = spool.append(new SpooledMessage(0, "a", "t", Buffer.buffer(new byte[64 * 1024]), 1, false, 0,
        0, SpooledMessage.NEVER));
    spool.start();
    assertThatThrownBy(() -> await(big)).isInstanceOf(RefusedException.class);
    assertThat(spool.stats().deleted()).isZero();

    // the next transaction (here: the one before this read) retries the delete
    assertThat(await(spool.readAfter(0, 10))).isEmpty();
    assertThat(spool.stats().deleted()).isEqualTo(1);
    assertThat(spool.stats().messages()).isZero();
  }

  @Test
  void overflowPolicyParsesItsConfigurationSpelling() {
    assertThat(OverflowPolicy.parse("drop-oldest")).isEqualTo(OverflowPolicy.DROP_OLDEST);
    assertThat(OverflowPolicy.parse(" Refuse-New ")).isEqualTo(OverflowPolicy.REFUSE_NEW);
    assertThatThrownBy(() -> OverflowPolicy.parse("drop-newest")).isInstanceOf(IllegalArgumentException.class);
  }

  private static long pageCount(SpoolStore store) throws java.sql.SQLException {
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    return store.pageCount();
  }
}
