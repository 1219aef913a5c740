package io.edgegateway.spool;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * A result the spool's writer thread hands back to whoever asked: completed on the caller's Vert.x
 * context when there was one, so its handlers never run on the writer thread.
 */
final class Completion<T> {

  private final Promise<T> promise = Promise.promise();
  private final Context context = Vertx.currentContext();

  Future<T> future() {
    return promise.future();
  }

  void succeed(T value) {
    if (context == null) {
      promise.tryComplete(value);
    } else {
      context.runOnContext(v -> promise.tryComplete(value));
    }
  }

  void fail(Throwable cause) {
    if (context == null) {
      promise.tryFail(cause);
    } else {
      context.runOnContext(v -> promise.tryFail(cause));
    }
  }
}
