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
  /** Epoch milliseconds after which it must not be sent, or {@link Long#MAX_VALUE}. */
  final long expiresAt;
  /** Its place in its connection's queue, set when queued: the order it is sent in, also when sent again. */
  long seq;
  private final Promise<Void> outcome = Promise.promise();
  /** The connection generation it was last sent on; -1 while never sent. */
  long sentOn = -1;
  boolean finished;

  PendingPublish(Route.Forward message, long expiresAt) {
    this.message = message;
    this.expiresAt = expiresAt;
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
