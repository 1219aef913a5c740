package io.edgegateway.spool;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Function;

/**
 * Where the drain sends messages: the upstream link's connections. Each device's messages always go
 * through the same connection; the drain gives each connection an equal share of its window and hands
 * nothing to a connection that is down. Any thread.
 */
public interface SpoolOutlet {

  /** How many connections there are. */
  int connections();

  /** The connection a device's messages go through, from 0. */
  int connectionOf(String deviceClientId);

  /** Whether that connection is up. */
  boolean connected(int connection);

  /** Sends a message; completes when upstream acknowledged it, fails when it did not. */
  Future<Void> send(SpooledMessage message);

  /** The Vert.x context the drain runs on: the one sending is cheapest from. A context of its own by default. */
  default Context context(Vertx vertx) {
    return vertx.getOrCreateContext();
  }

  /** One connection, always up: for tools and tests. */
  static SpoolOutlet of(Function<SpooledMessage, Future<Void>> send) {
    return new SpoolOutlet() {
      @Override
      public int connections() {
        return 1;
      }

      @Override
      public int connectionOf(String deviceClientId) {
        return 0;
      }

      @Override
      public boolean connected(int connection) {
        return true;
      }

      @Override
      public Future<Void> send(SpooledMessage message) {
        return send.apply(message);
      }
    };
  }
}
