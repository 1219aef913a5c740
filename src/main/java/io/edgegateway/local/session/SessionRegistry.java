package io.edgegateway.local.session;

import io.edgegateway.local.BrokerStats;
import io.edgegateway.local.ConnectedDevice;
import io.edgegateway.local.connection.DeviceConnection;
import io.edgegateway.local.subscribe.SubscriptionOptions;
import io.edgegateway.local.subscription.SubscriptionTree;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All sessions by client id: creates, resumes, takes over and expires them. Runs on the broker's
 * event loop only.
 */
public final class SessionRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

  /** The result of a CONNECT: the session to use and whether it existed before. */
  public record Attached(Session session, boolean present) {
  }

  private final Vertx vertx;
  private final SubscriptionTree<SubscriptionOptions> subscriptions;
  private final BrokerStats stats;
  private final int maxQueued;
  private final int maxInflight;
  private final long maxPendingWriteBytes;
  private final QueueBudget budget;
  private final int maxSessions;
  /** Offline sessions, the one offline longest first. */
  private final java.util.LinkedHashSet<Session> offline = new java.util.LinkedHashSet<>();
  private final Map<String, Session> sessions = new HashMap<>();
  private Consumer<Session> onSessionEnd = s -> { };
  private int connected;

  public SessionRegistry(Vertx vertx, SubscriptionTree<SubscriptionOptions> subscriptions, BrokerStats stats,
      int maxQueued, int maxInflight, long maxPendingWriteBytes, QueueBudget budget, int maxSessions) {
    this.vertx = vertx;
    this.subscriptions = subscriptions;
    this.stats = stats;
    this.maxQueued = maxQueued;
    this.maxInflight = maxInflight;
    this.maxPendingWriteBytes = maxPendingWriteBytes;
    this.budget = budget;
    this.maxSessions = maxSessions;
  }

  /** Called when a session ends (expired, or discarded by a clean start). */
  public void onSessionEnd(Consumer<Session> handler) {
    this.onSessionEnd = handler;
  }

  public Session get(String clientId) {
    return sessions.get(clientId);
  }

  /** Devices connected now. */
  public int connectedCount() {
    return connected;
  }

  public int size() {
    return sessions.size();
  }

  public Collection<Session> all() {
    return sessions.values();
  }

  /** The connection currently holding this client id, or null. */
  public DeviceConnection connectionOf(String clientId) {
    Session s = sessions.get(clientId);
    return s == null ? null : s.connection();
  }

  /**
   * Binds a newly accepted connection to its session. A connection already holding the client id is
   * closed first (MQTT 5 devices are told "session taken over").
   *
   * @param cleanStart    discard any existing session
   * @param expirySeconds how long to keep the session after this connection ends
   */
  public Attached attach(DeviceConnection connection, boolean cleanStart, long expirySeconds) {
    String clientId = connection.clientId();
    Session existing = sessions.get(clientId);
    if (existing != null && existing.connection() != null) {
      DeviceConnection old = existing.connection();
      LOG.info("client {} connected again from {}: closing its previous connection from {}", clientId,
          connection.remoteAddress(), old.remoteAddress());
      existing.detach();
      connected--;
      stats.connectedDevices(connected);
      old.disconnect(MqttDisconnectReasonCode.SESSION_TAKEN_OVER);
    }
    // a session with expiry 0 ends with its connection, even when a takeover ends that connection
    if (existing != null && (cleanStart || existing.expirySeconds() == 0)) {
      end(existing);
      existing = null;
    }
    boolean present = existing != null;
    Session session = present ? existing : create(clientId);
    offline.remove(session);
    cancelExpiry(session);
    session.expirySeconds(expirySeconds);
    session.attach(connection);
    connected++;
    stats.connectedDevices(connected);
    stats.deviceConnected(new ConnectedDevice(clientId, connection.username(), connection.remoteAddress(),
        connection.isMqtt5(), Instant.now()));
    return new Attached(session, present);
  }

  /**
   * The connection ended. Does nothing if another connection has already taken the session over.
   *
   * @return whether this connection still owned the session
   */
  public boolean detach(Session session, DeviceConnection connection) {
    if (session.connection() != connection) {
      return false;
    }
    session.detach();
    session.outbox().detach();
    connected--;
    stats.connectedDevices(connected);
    stats.deviceDisconnected(session.clientId());
    if (session.expirySeconds() == 0) {
      end(session);
    } else {
      offline.add(session);
      long delayMs = Math.min(session.expirySeconds(), Long.MAX_VALUE / 1000) * 1000;
      session.expiryTimer(vertx.setTimer(delayMs, id -> {
        session.expiryTimer(-1);
        if (session.connection() == null && sessions.get(session.clientId()) == session) {
          LOG.debug("session {} expired", session.clientId());
          end(session);
        }
      }));
    }
    return true;
  }

  /** Ends every session (broker stop). */
  public void clear() {
    for (Session s : sessions.values().toArray(new Session[0])) {
      cancelExpiry(s);
      end(s);
    }
  }

  private Session create(String clientId) {
    if (sessions.size() >= maxSessions && !offline.isEmpty()) {
      Session oldest = offline.iterator().next();
      LOG.info("session {} ended to make room: {} sessions kept (sessions.maxSessions)", oldest.clientId(),
          sessions.size());
      end(oldest);
    }
    Session s = new Session(clientId, new Outbox(maxQueued, maxInflight, maxPendingWriteBytes, budget, stats));
    sessions.put(clientId, s);
    return s;
  }

  private void end(Session session) {
    cancelExpiry(session);
    sessions.remove(session.clientId());
    offline.remove(session);
    subscriptions.removeAll(session.clientId());
    session.outbox().clear();
    onSessionEnd.accept(session);
  }

  private void cancelExpiry(Session session) {
    if (session.expiryTimer() >= 0) {
      vertx.cancelTimer(session.expiryTimer());
      session.expiryTimer(-1);
    }
  }
}
