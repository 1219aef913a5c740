package io.edgegateway.iotcore;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;

/**
 * QoS 1 messages sent to one client and not yet acknowledged: packet ids, and a promise each that the
 * client's PUBACK completes. At most {@code limit} at once (the smaller of IoT Core's 100 and the client's
 * Receive Maximum; 0 = no limit). Used on the event loop only.
 */
final class OutboundWindow {
  private final int limit;
  private final Map<Integer, Promise<Void>> pending = new HashMap<>();
  private int lastId;

  OutboundWindow(int limit) {
    this.limit = limit;
  }

  boolean full() {
    return pending.size() >= (limit > 0 ? limit : 65535);
  }

  /** Reserves a packet id; {@link #acknowledged} or {@link #failAll} completes the returned future. */
  int reserve() {
    do {
      lastId = lastId % 65535 + 1;
    } while (pending.containsKey(lastId));
    pending.put(lastId, Promise.promise());
    return lastId;
  }

  Future<Void> future(int packetId) {
    return pending.get(packetId).future();
  }

  void acknowledged(int packetId) {
    Promise<Void> promise = pending.remove(packetId);
    if (promise != null) {
      promise.complete();
    }
  }

  void failAll(String why) {
    Map<Integer, Promise<Void>> copy = new HashMap<>(pending);
    pending.clear();
    copy.values().forEach(p -> p.tryFail(why));
  }
}
