package io.edgegateway.spool;

import static io.edgegateway.spool.SpoolFixture.await;
import static io.edgegateway.spool.SpoolFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.local.Ingress.RefusedException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
    SpoolDrain drain = new SpoolDrain(vertx, spool, forward -> {
      String payload = forward.payload().toString();
      boolean firstTry = !sent.contains(payload);
      sent.add(payload);
      return outcome(payload, firstTry);
    }, 1, Duration.ofMillis(20), Duration.ofSeconds(10));

    drain.start();
    until(vertx, () -> spool.stats().messages() == 0 && drain.forwarded() + drain.refused() == 5);

    assertThat(sent).containsExactly("payload-1", "payload-2", "payload-2", "payload-3", "payload-4", "payload-5");
    assertThat(drain.forwarded()).isEqualTo(4);
    assertThat(drain.refused()).isEqualTo(1);
    await(drain.stop());
    await(spool.close());
  }

  @Test
  void forwardsWhatAPreviousRunLeftAndWakesForNewMessages(Vertx vertx) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    await(spool.append(message("dev", 1)));
    List<String> sent = new CopyOnWriteArrayList<>();
    // the safety check is an hour away: only the start and the wake-up can find the messages
    SpoolDrain drain = new SpoolDrain(vertx, spool, forward -> {
      sent.add(forward.payload().toString());
      return Future.succeededFuture();
    }, 10, Duration.ofMillis(20), Duration.ofHours(1));

    drain.start();
    until(vertx, () -> sent.size() == 1);
    await(spool.append(message("dev", 2)));
    drain.wake();
    until(vertx, () -> sent.size() == 2);

    assertThat(sent).containsExactly("payload-1", "payload-2");
    await(drain.stop());
    await(spool.close());
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
  private static void until(Vertx vertx, BooleanSupplier condition) throws Exception {
    CompletableFuture<Void> holds = new CompletableFuture<>();
    vertx.setPeriodic(1, 10, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        holds.complete(null);
      }
    });
    holds.get(10, TimeUnit.SECONDS);
  }
}
