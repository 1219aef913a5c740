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
    long timer = vertx.setPeriodic(1, 10, id -> {
      try {
        if (condition.getAsBoolean()) {
          vertx.cancelTimer(id);
          holds.complete(null);
        }
      } catch (RuntimeException e) {
        vertx.cancelTimer(id);
        holds.completeExceptionally(e);
      }
    });
    try {
      holds.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      vertx.cancelTimer(timer);
      throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
    } catch (ExecutionException e) {
      throw new AssertionError("checking whether " + what + " failed", e.getCause());
    }
  }
}
