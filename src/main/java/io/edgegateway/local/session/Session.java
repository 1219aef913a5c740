package io.edgegateway.local.session;

import io.edgegateway.local.access.DevicePermissions;
import io.edgegateway.local.connection.DeviceConnection;
import java.util.HashSet;
import java.util.Set;

/**
 * The broker's state for one client id: it outlives connections when the session is persistent.
 * Subscriptions live in the broker's subscription tree, keyed by this session's client id.
 */
public final class Session {

  private final String clientId;
  private final Outbox outbox;
  private final Set<Integer> inboundQos2 = new HashSet<>();
  private DeviceConnection connection;
  private String username;
  private DevicePermissions permissions = DevicePermissions.ALL;
  private long expirySeconds;
  private long expiryTimer = -1;

  Session(String clientId, Outbox outbox) {
    this.clientId = clientId;
    this.outbox = outbox;
  }

  public String clientId() {
    return clientId;
  }

  public Outbox outbox() {
    return outbox;
  }

  /** The device's current connection, or null while the session is offline. */
  public DeviceConnection connection() {
    return connection;
  }

  public boolean online() {
    return connection != null && connection.isOpen();
  }

  /** Username of the device that last connected with this client id (null when anonymous). */
  public String username() {
    return username;
  }

  /** Topic permissions of the device that last connected with this client id. */
  public DevicePermissions permissions() {
    return permissions;
  }

  /** Seconds the session is kept after a disconnect; 0 ends it with the connection. */
  public long expirySeconds() {
    return expirySeconds;
  }

  public void expirySeconds(long seconds) {
    this.expirySeconds = seconds;
  }

  /**
   * Records that a QoS 2 PUBLISH with this id was accepted, until its PUBREL.
   *
   * @return false when the id was already recorded: a resent PUBLISH that must not be delivered twice
   */
  public boolean beginInboundQos2(int packetId) {
    return inboundQos2.add(packetId);
  }

  /** Forgets a QoS 2 packet id (PUBREL received, or its acceptance failed). */
  public boolean endInboundQos2(int packetId) {
    return inboundQos2.remove(packetId);
  }

  void attach(DeviceConnection c) {
    this.connection = c;
    this.username = c.username();
    this.permissions = c.permissions();
  }

  void detach() {
    this.connection = null;
  }

  long expiryTimer() {
    return expiryTimer;
  }

  void expiryTimer(long timerId) {
    this.expiryTimer = timerId;
  }
}
