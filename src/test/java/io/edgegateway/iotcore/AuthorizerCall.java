package io.edgegateway.iotcore;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Asks an authorizer as IoT Core does: at most {@code timeout} (5 s), the answer checked by
 * {@link AuthorizerResponse#validate}. The result arrives on the simulator's context whatever thread the
 * authorizer answered on. A failure, a timeout and an invalid answer all fail the future; a denial succeeds
 * with {@code authenticated() == false}. Every event sent is kept for tests.
 */
final class AuthorizerCall {
  private final Context context;
  private final Duration timeout;
  private final List<JsonObject> events;

  AuthorizerCall(Context context, Duration timeout, List<JsonObject> events) {
    this.context = context;
    this.timeout = timeout;
    this.events = events;
  }

  /** Call on the simulator's context. */
  Future<AuthorizerResponse> call(Authorizer authorizer, JsonObject event) {
    events.add(event.copy());
    Promise<JsonObject> promise = Promise.promise();
    long timer = context.owner().setTimer(Math.max(1, timeout.toMillis()),
        t -> promise.tryFail(new TimeoutException("authorizer took longer than " + timeout.toMillis() + " ms")));
    Future<JsonObject> answer;
    try {
      answer = authorizer.authorize(event.copy());
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    if (answer == null) {
      answer = Future.failedFuture("the authorizer returned no future");
    }
    answer.onComplete(result -> context.runOnContext(v -> {
      context.owner().cancelTimer(timer);
      if (result.succeeded()) {
        promise.tryComplete(result.result());
      } else {
        promise.tryFail(result.cause());
      }
    }));
    return promise.future().map(AuthorizerResponse::validate);
  }
}
