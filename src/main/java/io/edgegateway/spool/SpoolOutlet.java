package io.edgegateway.spool;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Function;

/**
 * Where the drain sends messages: the upstream link's connections. Each device's messages always go
 * through the same connection, named by a key: an index into a fixed set, or a connection of the
 * device's own that comes and goes with it. The drain hands each connection at most its window at a
 * time and nothing while it is down. Any thread, except {@link #holding}.
 */
public interface SpoolOutlet {

  /** The connection a device's messages go through: a key with equals and hashCode (an index, a client id). */
  Object connectionOf(String deviceClientId);

  /** Whether that connection is up now. */
  boolean connected(Object connection);

  /** Most messages handed to that connection at a time (at least 1). */
  int window(Object connection);

  /** Sends a message; completes when upstream acknowledged it, fails when it did not. */
  Future<Void> send(SpooledMessage message);

  /**
   * The drain now holds messages of this device that are waiting or on their way (true), or no longer
   * holds any (false). Called on the drain's context, once per change. Default: nothing.
   */
  default void holding(String deviceClientId, boolean holding) {
  }

  /** The Vert.x context the drain runs on: the one sending is cheapest from. A context of its own by default. */
  default Context context(Vertx vertx) {
    return vertx.getOrCreateContext();
  }

  /** One connection, always up, whose window is the drain's: for tools and tests. */
  static SpoolOutlet of(Function<SpooledMessage, Future<Void>> send) {
    return new SpoolOutlet() {
      @Override
      public Object connectionOf(String deviceClientId) {
        return 0;
      }

      @Override
      public boolean connected(Object connection) {
        return true;
      }

      @Override
      public int window(Object connection) {
        return Integer.MAX_VALUE;
      }

      @Override
      public Future<Void> send(SpooledMessage message) {
        return send.apply(message);
      }
    };
  }
}
