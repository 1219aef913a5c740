package io.edgegateway.upstream.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PacerTest {

  /** How late a test may read the time after a turn was given, on a busy machine. */
  private static final long READ_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** Asks for turns on a context of its own; returns when each was given, in nanoseconds, in the order asked. */
  private static List<Long> turns(Vertx vertx, int perSecond, List<String> keys) throws Exception {
    CompletableFuture<List<Long>> given = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      Pacer pacer = new Pacer(vertx, perSecond);
      List<Future<Long>> all = new ArrayList<>();
      for (String key : keys) {
        all.add(pacer.turn(key).map(x -> System.nanoTime()));
      }
      Future.all(all).onSuccess(f -> given.complete(f.<Long>list()));
    });
    return given.get(30, TimeUnit.SECONDS);
  }

  private static int maxInAnyWindow(List<Long> times, long windowNanos) {
    List<Long> sorted = times.stream().sorted().toList();
    int max = 0;
    for (int from = 0, to = 0; to < sorted.size(); to++) {
      while (sorted.get(to) - sorted.get(from) >= windowNanos) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }

  @Test
  void givesEveryTurnButNeverMoreThanTheRateInAnySecond(Vertx vertx) throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      keys.add("device-" + i);
    }

    List<Long> given = turns(vertx, 4, keys);

    assertThat(given).hasSize(12);
    assertThat(maxInAnyWindow(given, TimeUnit.SECONDS.toNanos(1))).isEqualTo(4);
    // in the order asked for
    assertThat(given).isSorted();
  }

  @Test
  void keepsOneKeyASecondApartWithoutHoldingBackTheOthers(Vertx vertx) throws Exception {
    List<Long> given = turns(vertx, 100, List.of("a", "a", "b"));

    // each time is read just after its turn was given: the first may be read a little late
    assertThat(given.get(1) - given.get(0)).isGreaterThanOrEqualTo(Pacer.CLIENT_SPACING_NANOS - READ_SLACK_NANOS);
    // "b" was asked for after the second "a" but did not wait for it
    assertThat(given.get(2)).isLessThan(given.get(1));
  }

  @Test
  void aKeysNextTurnWaitsASpacingFromTheAnswerToItsLastConnect(Vertx vertx) throws Exception {
    CompletableFuture<long[]> times = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      Pacer pacer = new Pacer(vertx, 100);
      pacer.turn("a").onSuccess(first -> vertx.setTimer(500, t -> {
        // the CONNECT took half a second to be answered
        long answered = System.nanoTime();
        pacer.answered("a");
        pacer.turn("a").onSuccess(second -> times.complete(new long[] {answered, System.nanoTime()}));
      }));
    });

    long[] t = times.get(10, TimeUnit.SECONDS);

    assertThat(t[1] - t[0]).isGreaterThanOrEqualTo(Pacer.CLIENT_SPACING_NANOS);
  }
}
