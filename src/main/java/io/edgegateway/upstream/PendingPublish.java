package io.edgegateway.upstream;

import io.edgegateway.route.Route;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/** One message in a connection's queue: what to send, and who waits for the outcome. */
final class PendingPublish {

  final Route.Forward message;
  final byte[] payload;
  private final Promise<Void> outcome = Promise.promise();
  /** The connection generation it was last sent on; -1 while never sent. */
  long sentOn = -1;
  boolean finished;

  PendingPublish(Route.Forward message) {
    this.message = message;
    this.payload = message.payload().getBytes();
  }

  Future<Void> outcome() {
    return outcome.future();
  }

  void succeed() {
    finished = true;
    outcome.tryComplete();
  }

  void fail(Throwable cause) {
    finished = true;
    outcome.tryFail(cause);
  }

  int size() {
    return payload.length + message.topic().length();
  }
}
