package io.edgegateway.testing;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition that no event announces (a counter in the spool's stats, a connection count):
 * it is checked on a Vert.x timer until it holds or the deadline passes.
 */
public final class Poll {

  private Poll() {
  }

  /** Returns once {@code condition} holds; fails the test, naming {@code what}, if it does not within {@code timeout}. */
  public static void until(Vertx vertx, Duration timeout, String what, BooleanSupplier condition)
      throws InterruptedException {
    CompletableFuture<Void> holds = new CompletableFuture<>();
    // the timer is cancelled here, not in its handler: cancelling from the first run of a timer can race
    // with Vert.x still setting that timer up (a NullPointerException in cancelTimer)
    long timer = vertx.setPeriodic(1, 10, id -> {
      if (holds.isDone()) {
        return;
      }
      try {
        if (condition.getAsBoolean()) {
          holds.complete(null);
        }
      } catch (RuntimeException e) {
        holds.completeExceptionally(e);
      }
    });
    try {
      holds.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
    } catch (ExecutionException e) {
      throw new AssertionError("checking whether " + what + " failed", e.getCause());
    } finally {
      vertx.cancelTimer(timer);
    }
  }
}
