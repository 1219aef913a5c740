package io.edgegateway.upstream;

import io.edgegateway.route.Route;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/** One message in a connection's queue: what to send, and who waits for the outcome. */
final class PendingPublish {

  final Route.Forward message;
  final byte[] payload;
  /** What the publish costs against the byte quota: payload and topic bytes. */
  final int size;
  private final Promise<Void> outcome = Promise.promise();
  /** The connection generation it was last sent on; -1 while never sent. */
  long sentOn = -1;
  boolean finished;

  PendingPublish(Route.Forward message) {
    this.message = message;
    this.payload = message.payload().getBytes();
    this.size = payload.length + message.topic().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
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
}
