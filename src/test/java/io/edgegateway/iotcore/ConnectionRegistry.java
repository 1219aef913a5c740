package io.edgegateway.iotcore;

import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The current connection of each client id (one at most: a newer one takes over, the older is told
 * 0x8E session taken over), and how many CONNECTs each client id has had accepted. Changed on the event
 * loop; readable from any thread.
 */
final class ConnectionRegistry {
  private final Map<String, Connection> byClientId = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> connects = new ConcurrentHashMap<>();
  private final Counters counters;

  ConnectionRegistry(Counters counters) {
    this.counters = counters;
  }

  void add(Connection connection) {
    connects.computeIfAbsent(connection.clientId, k -> new AtomicLong()).incrementAndGet();
    Connection older = byClientId.put(connection.clientId, connection);
    if (older != null && older != connection) {
      counters.increment(Counter.TAKEOVER);
      older.disconnect(MqttDisconnectReasonCode.SESSION_TAKEN_OVER);
    }
  }

  /** Removes a connection that ended, unless a newer one has its client id already. */
  void remove(Connection connection) {
    byClientId.remove(connection.clientId, connection);
  }

  Connection get(String clientId) {
    return byClientId.get(clientId);
  }

  Collection<Connection> all() {
    return byClientId.values();
  }

  Set<String> clientIds() {
    return Set.copyOf(byClientId.keySet());
  }

  long connects(String clientId) {
    AtomicLong count = connects.get(clientId);
    return count == null ? 0 : count.get();
  }
}
