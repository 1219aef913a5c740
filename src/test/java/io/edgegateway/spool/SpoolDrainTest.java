package io.edgegateway.spool;

import static io.edgegateway.spool.SpoolFixture.await;
import static io.edgegateway.spool.SpoolFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.local.Ingress.RefusedException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class SpoolDrainTest {

  @TempDir
  Path dir;

  @Test
  void forwardsInOrderRetriesAPassingFailureAndDropsAPermanentRefusal(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    for (int n = 1; n <= 5; n++) {
      await(spool.append(message("dev", n)));
    }
    List<String> sent = new CopyOnWriteArrayList<>();
    SpoolDrain drain = new SpoolDrain(vertx, spool, SpoolOutlet.of(forward -> {
      String payload = forward.payload().toString();
      boolean firstTry = !sent.contains(payload);
      sent.add(payload);
      return outcome(payload, firstTry);
    }), 1, Duration.ofMillis(20));

    drain.start();
    until(() -> spool.stats().messages() == 0 && drain.forwarded() + drain.refused() == 5);

    assertThat(sent).containsExactly("payload-1", "payload-2", "payload-2", "payload-3", "payload-4", "payload-5");
    assertThat(drain.forwarded()).isEqualTo(4);
    assertThat(drain.refused()).isEqualTo(1);
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void forwardsWhatAPreviousRunLeftAndEachNewMessage(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    await(spool.append(message("dev", 1)));
    List<String> sent = new CopyOnWriteArrayList<>();
    SpoolDrain drain = new SpoolDrain(vertx, spool, SpoolOutlet.of(forward -> {
      sent.add(forward.payload().toString());
      return Future.succeededFuture();
    }), 10, Duration.ofMillis(20));

    drain.start();
    until(() -> sent.size() == 1);
    await(spool.append(message("dev", 2)));
    until(() -> sent.size() == 2);

    assertThat(sent).containsExactly("payload-1", "payload-2");
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void aDeviceWithALongBacklogDoesNotHoldBackAnotherDevice(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    for (int n = 1; n <= 1_000; n++) {
      spool.append(message("backlog", n));
    }
    await(spool.append(message("live", 1)));
    List<String> sent = new CopyOnWriteArrayList<>();
    SpoolDrain drain = new SpoolDrain(vertx, spool, SpoolOutlet.of(forward -> {
      sent.add(forward.deviceClientId() + ":" + forward.payload());
      return Future.succeededFuture();
    }), 5, Duration.ofMillis(20));

    drain.start();
    until(() -> drain.forwarded() == 1_001);

    // in id order the live message would go last; the devices take turns instead
    assertThat(sent.indexOf("live:payload-1")).isLessThan(10);
    assertThat(sent.stream().filter(m -> m.startsWith("backlog:")).toList())
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 1_000)
            .mapToObj(n -> "backlog:payload-" + n).toList());
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void aDeviceWhoseMessagesCannotGoForNowDoesNotHoldBackTheOthers(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    await(spool.append(message("a", 1)));
    await(spool.append(message("a", 2)));
    for (int n = 1; n <= 3; n++) {
      await(spool.append(message("b", n)));
    }
    AtomicBoolean aMayGo = new AtomicBoolean();
    List<String> sent = new CopyOnWriteArrayList<>();
    SpoolDrain drain = new SpoolDrain(vertx, spool, SpoolOutlet.of(forward -> {
      String m = forward.deviceClientId() + ":" + forward.payload();
      if (forward.deviceClientId().equals("a") && !aMayGo.get()) {
        return Future.failedFuture(new RefusedException(0x97, "the queue towards IoT Core is full"));
      }
      sent.add(m);
      return Future.succeededFuture();
    }), 1, Duration.ofMillis(20));

    drain.start();
    until(() -> drain.forwarded() == 3);
    assertThat(sent).containsExactly("b:payload-1", "b:payload-2", "b:payload-3");
    aMayGo.set(true);
    until(() -> drain.forwarded() == 5);

    assertThat(sent).endsWith("a:payload-1", "a:payload-2");
    assertThat(await(spool.readAfter(0, 10))).isEmpty(); // the deletes queued before this read are written
    assertThat(spool.stats().messages()).isZero();
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void forgetsTheIdsOfDroppedMessagesWhileTheLinkIsDown(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults().withMaxMessages(10)
        .withOverflow(OverflowPolicy.DROP_OLDEST), Clock.systemUTC()).start();
    // the link is down: nothing handed on ever completes
    SpoolDrain drain = new SpoolDrain(vertx, spool, SpoolOutlet.of(forward -> Promise.<Void>promise().future()),
        1, Duration.ofMillis(20));
    drain.start();
    Future<Long> last = null;
    for (int n = 1; n <= 1_000; n++) {
      last = spool.append(message("dev-" + n % 7, n));
    }
    await(last);
    assertThat(spool.stats().droppedOverflow()).isEqualTo(990);

    // at most the 10 on disk and the one handed on (whose row may be gone)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (await(drain.tracked()) > 11) {
      assertThat(System.nanoTime()).as("ids forgotten within 10 s").isLessThan(deadline);
      await(spool.readAfter(0, 1)); // a round trip through the writer before looking again
    }
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void aConnectionThatIsDownIsHandedNothingAndDoesNotHoldBackTheOthers(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    for (int n = 1; n <= 10; n++) {
      await(spool.append(message("on-down-connection", n)));
    }
    await(spool.append(message("on-up-connection", 1)));
    AtomicBoolean firstUp = new AtomicBoolean();
    List<String> sent = new CopyOnWriteArrayList<>();
    SpoolDrain drain = new SpoolDrain(vertx, spool, new TwoConnections(firstUp::get, 4, m -> {
      sent.add(m.deviceClientId() + ":" + m.payload());
      return Future.succeededFuture();
    }), 4, Duration.ofMillis(20));

    drain.start();
    until(() -> drain.forwarded() == 1);
    assertThat(sent).containsExactly("on-up-connection:payload-1");

    firstUp.set(true);
    drain.connectionsChanged();
    until(() -> drain.forwarded() == 11);
    assertThat(sent.subList(1, 11)).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 10)
        .mapToObj(n -> "on-down-connection:payload-" + n).toList());
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void aConnectionThatHoldsItsMessagesTakesOnlyItsShareOfTheWindow(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    for (int n = 1; n <= 10; n++) {
      await(spool.append(message("on-down-connection", n)));
    }
    // the connection went down after the drain looked: what it was handed waits there without an outcome
    java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
    SpoolDrain drain = new SpoolDrain(vertx, spool, new TwoConnections(() -> true, 4, m -> {
      if (m.deviceClientId().equals("on-down-connection")) {
        held.incrementAndGet();
        return Promise.<Void>promise().future();
      }
      return Future.succeededFuture();
    }), 4, Duration.ofMillis(20));
    drain.start();
    until(() -> held.get() == 2);

    await(spool.append(message("on-up-connection", 1)));
    until(() -> drain.forwarded() == 1);
    assertThat(held.get()).as("handed to the held connection: its half of the window").isEqualTo(2);
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void aLinkThatKeepsUpIsHandedWhatWasJustCommittedWithoutReadingItBack(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    List<String> sent = new CopyOnWriteArrayList<>();
    SpoolDrain drain = new SpoolDrain(vertx, spool, SpoolOutlet.of(forward -> {
      sent.add(forward.payload().toString());
      return Future.succeededFuture();
    }), 10, Duration.ofMillis(20));
    drain.start();

    for (int n = 1; n <= 20; n++) {
      await(spool.append(message("dev", n)));
    }
    until(() -> drain.forwarded() == 20);

    assertThat(sent).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(n -> "payload-" + n).toList());
    assertThat(spool.stats().readBack()).isZero();
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void whatDidNotFitInMemoryIsReadFromDiskAndKeepsItsPlace(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    AtomicBoolean up = new AtomicBoolean();
    List<String> sent = new CopyOnWriteArrayList<>();
    long threeMessages = 3L * message("on-down-connection", 1).size();
    SpoolDrain drain = new SpoolDrain(vertx, spool, new TwoConnections(up::get, 20, m -> {
      sent.add(m.payload().toString());
      return Future.succeededFuture();
    }), 20, Duration.ofMillis(20), threeMessages);
    drain.start();
    for (int n = 1; n <= 9; n++) {
      await(spool.append(message("on-down-connection", n)));
    }
    untilTracked(drain, 9);

    up.set(true);
    drain.connectionsChanged();
    until(() -> drain.forwarded() == 9);

    assertThat(sent).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(1, 9).mapToObj(n -> "payload-" + n).toList());
    assertThat(spool.stats().readBack()).as("the six that did not fit in memory").isEqualTo(6);
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void aKeptMessageWhoseTimeToLivePassedIsNotHandedOnAndIsCountedAsExpired(Vertx vertx) throws Exception {
    // no sweep meanwhile: the drain is the one to find it expired
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults().withSweepInterval(Duration.ofHours(1)),
        Clock.systemUTC()).start();
    AtomicBoolean up = new AtomicBoolean();
    List<String> sent = new CopyOnWriteArrayList<>();
    SpoolDrain drain = new SpoolDrain(vertx, spool, new TwoConnections(up::get, 20, m -> {
      sent.add(m.payload().toString());
      return Future.succeededFuture();
    }), 20, Duration.ofMillis(20));
    drain.start();
    long now = System.currentTimeMillis();
    await(spool.append(message("on-down-connection", 1, 1, now, now + 50)));
    await(spool.append(message("on-down-connection", 2)));
    untilTracked(drain, 2);
    while (System.currentTimeMillis() <= now + 50) {
      await(spool.readAfter(0, 1)); // a round trip through the writer until the time to live has passed
    }

    up.set(true);
    drain.connectionsChanged();
    until(() -> drain.forwarded() == 1 && spool.stats().expired() == 1);

    assertThat(sent).containsExactly("payload-2");
    await(spool.maintenance(store -> { })); // writes the acknowledged delete that may still wait
    assertThat(spool.stats().messages()).isZero();
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void aMessageIsSentBeforeTheSpoolHasWrittenItAndThenNeverWritten(Vertx vertx) throws Exception {
    // QoS 0 messages wait in memory for an hour: only the drain's acknowledgement makes the writer act
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults().withQos0Delay(Duration.ofHours(1)),
        Clock.systemUTC()).start();
    List<Long> rowsOnDiskWhenSent = new CopyOnWriteArrayList<>();
    SpoolDrain drain = new SpoolDrain(vertx, spool, SpoolOutlet.of(forward -> {
      rowsOnDiskWhenSent.add(SpoolFixture.rowsSeenByAnotherConnection(dir));
      return Future.succeededFuture();
    }), 10, Duration.ofMillis(20));
    drain.start();
    await(spool.append(message("dev", 1)));
    until(() -> drain.forwarded() == 1); // and so the drain has read what was on disk at start
    await(spool.maintenance(store -> { })); // queued after its delete: the disk is empty again
    assertThat(SpoolFixture.rowsSeenByAnotherConnection(dir)).isZero();
    long deleted = spool.stats().deleted();
    long skippedBefore = spool.stats().writeSkipped();

    long id = await(spool.append(message("dev", 2, 0, System.currentTimeMillis(), SpooledMessage.NEVER)));

    assertThat(rowsOnDiskWhenSent.get(1)).isZero();
    until(() -> drain.forwarded() == 2);
    assertThat(spool.stats().writeSkipped()).isEqualTo(skippedBefore + 1);
    assertThat(spool.stats().deleted()).isEqualTo(deleted);
    assertThat(SpoolFixture.rowsSeenByAnotherConnection(dir)).as("row %d", id).isZero();
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void aNewMessageIsNotSentAtOnceWhileItsDeviceHasOneWaiting(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    AtomicBoolean up = new AtomicBoolean();
    List<String> sent = new CopyOnWriteArrayList<>();
    SpoolDrain drain = new SpoolDrain(vertx, spool, new TwoConnections(up::get, 20, m -> {
      sent.add(m.payload().toString());
      return Future.succeededFuture();
    }), 20, Duration.ofMillis(20));
    drain.start();
    await(spool.append(message("on-down-connection", 1)));
    untilTracked(drain, 1);

    up.set(true); // not told yet: the waiting message is still parked when the next one arrives
    await(spool.append(message("on-down-connection", 2)));
    untilTracked(drain, 2);
    drain.connectionsChanged();
    until(() -> drain.forwarded() == 2);

    assertThat(sent).containsExactly("payload-1", "payload-2");
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void eachDeviceOnItsOwnConnectionWaitsOnlyForItsOwnToComeUp(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    for (int n = 1; n <= 5; n++) {
      await(spool.append(message("a", n)));
      await(spool.append(message("b", n)));
    }
    OwnConnections outlet = new OwnConnections(vertx, device -> 2);
    outlet.setDown("b");
    SpoolDrain drain = new SpoolDrain(vertx, spool, outlet, 10, Duration.ofMillis(20));
    drain.start();
    until(() -> drain.forwarded() == 5);
    for (int n = 6; n <= 8; n++) {
      await(spool.append(message("b", n)));
    }
    await(spool.append(message("a", 6)));
    until(() -> drain.forwarded() == 6);
    untilTracked(drain, 8); // b's, waiting

    assertThat(outlet.sent("a")).containsExactlyElementsOf(payloads(1, 6));
    assertThat(outlet.sent("b")).isEmpty();

    outlet.setUp("b");
    drain.connectionsChanged();
    until(() -> drain.forwarded() == 14);

    assertThat(outlet.sent("b")).containsExactlyElementsOf(payloads(1, 8));
    assertThat(outlet.sent("a")).containsExactlyElementsOf(payloads(1, 6));
    await(spool.maintenance(store -> { })); // writes the acknowledged deletes that may still wait
    assertThat(spool.stats().messages()).isZero();
    assertThat(await(drain.connectionsHeld())).isZero();
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void eachConnectionIsHandedAtMostItsWindowAndAllOfThemAtMostTheDrainsWindow(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    for (int n = 1; n <= 100; n++) {
      for (int d = 0; d < 4; d++) {
        spool.append(message("dev-" + d, n));
      }
    }
    await(spool.append(message("dev-0", 101)));
    OwnConnections outlet = new OwnConnections(vertx, device -> device.equals("dev-0") ? 1 : 3);
    SpoolDrain drain = new SpoolDrain(vertx, spool, outlet, 8, Duration.ofMillis(20));
    drain.start();
    Future<Long> last = null;
    for (int n = 101; n <= 150; n++) {
      last = spool.append(message("dev-1", n)); // new ones too, some sent before they are written
    }
    await(last);
    until(() -> drain.forwarded() == 451);

    assertThat(outlet.mostOutstanding("dev-0")).isEqualTo(1);
    for (int d = 1; d < 4; d++) {
      assertThat(outlet.mostOutstanding("dev-" + d)).as("dev-%d", d).isBetween(1, 3);
    }
    // the first turn alone fills the drain's window: 1 + 3 + 2 + 2
    assertThat(outlet.mostOutstandingInAll()).isEqualTo(8);
    assertThat(outlet.sent("dev-0")).containsExactlyElementsOf(payloads(1, 101));
    assertThat(outlet.sent("dev-1")).containsExactlyElementsOf(payloads(1, 150));
    assertThat(outlet.sent("dev-3")).containsExactlyElementsOf(payloads(1, 100));
    assertThat(await(drain.connectionsHeld())).isZero();
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void theOutletLearnsWhenTheDrainStartsAndStopsHoldingADevicesMessages(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    for (int n = 1; n <= 3; n++) {
      await(spool.append(message("old-a", n)));
    }
    await(spool.append(message("old-b", 1)));
    await(spool.append(message("old-b", 2)));
    OwnConnections outlet = new OwnConnections(vertx, device -> 2);
    SpoolDrain drain = new SpoolDrain(vertx, spool, outlet, 10, Duration.ofMillis(20));
    drain.start();
    until(() -> drain.forwarded() == 5 && outlet.held().isEmpty());

    await(spool.append(message("old-a", 4)));
    await(spool.append(message("new-c", 1)));
    await(spool.append(message("new-c", 2)));
    until(() -> drain.forwarded() == 8 && outlet.held().isEmpty());

    assertThat(outlet.holdsAlternately("old-a")).as("once for the previous run's, once for the new one").isEqualTo(2);
    assertThat(outlet.holdsAlternately("old-b")).isEqualTo(1);
    assertThat(outlet.holdsAlternately("new-c")).isBetween(1, 2);
    assertThat(outlet.sent("old-a")).containsExactlyElementsOf(payloads(1, 4));
    assertThat(outlet.sent("new-c")).containsExactlyElementsOf(payloads(1, 2));
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void aConnectionFirstNamedAfterTheStartIsHandedItsDevicesMessages(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    OwnConnections outlet = new OwnConnections(vertx, device -> 1);
    SpoolDrain drain = new SpoolDrain(vertx, spool, outlet, 10, Duration.ofMillis(20));
    drain.start();
    await(spool.append(message("first", 1)));
    until(() -> drain.forwarded() == 1);
    assertThat(await(drain.connectionsHeld())).as("nothing left on the first device's connection").isZero();

    outlet.setDown("later"); // a device whose own connection is not up yet when its first messages come
    for (int n = 1; n <= 3; n++) {
      await(spool.append(message("later", n)));
    }
    await(spool.append(message("first", 2)));
    until(() -> drain.forwarded() == 2);
    untilTracked(drain, 3);
    outlet.setUp("later");
    drain.connectionsChanged();
    until(() -> drain.forwarded() == 5);

    assertThat(outlet.sent("later")).containsExactlyElementsOf(payloads(1, 3));
    assertThat(outlet.sent("first")).containsExactlyElementsOf(payloads(1, 2));
    assertThat(await(drain.connectionsHeld())).isZero();
    await(drain.stop());
    await(spool.close());
  }

  private static List<String> payloads(int from, int to) {
    return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(n -> "payload-" + n).toList();
  }

  /**
   * Device "on-down-connection" goes through connection 0, which is up while {@code firstUp} says so; the rest
   * through 1. Each connection takes half of the drain's window ({@code maxOutstanding}), as the link's do.
   */
  private record TwoConnections(java.util.function.BooleanSupplier firstUp, int maxOutstanding,
      java.util.function.Function<SpooledMessage, Future<Void>> send) implements SpoolOutlet {
    @Override
    public Object connectionOf(String deviceClientId) {
      return deviceClientId.equals("on-down-connection") ? 0 : 1;
    }

    @Override
    public boolean connected(Object connection) {
      return connection.equals(1) || firstUp.getAsBoolean();
    }

    @Override
    public int window(Object connection) {
      return (maxOutstanding + 1) / 2;
    }

    @Override
    public Future<Void> send(SpooledMessage message) {
      return send.apply(message);
    }
  }

  private static Future<Void> outcome(String payload, boolean firstTry) {
    if (payload.equals("payload-2") && firstTry) {
      return Future.failedFuture(new RefusedException(0x97, "the queue towards IoT Core is full"));
    }
    if (payload.equals("payload-3")) {
      return Future.failedFuture(new RefusedException(0x87, "not authorized", true));
    }
    return Future.succeededFuture();
  }

  /** Waits (at most 10 s) until {@code condition} holds, checking it on a timer. */
  /** Waits, by round trips to the drain, until it keeps {@code n} ids. */
  private static void untilTracked(SpoolDrain drain, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (int tracked = await(drain.tracked()); tracked != n; tracked = await(drain.tracked())) {
      assertThat(System.nanoTime()).as("tracking %d ids within 10 s (%d now)", n, tracked).isLessThan(deadline);
    }
  }

  /** Waits for {@code condition}, looking again and again on this thread, for at most 10 s. */
  private static void until(BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new java.util.concurrent.TimeoutException("condition not met within 10 s");
      }
      Thread.onSpinWait();
    }
  }
}
