package io.edgegateway.local.session;

import io.edgegateway.local.access.DevicePermissions;
import io.edgegateway.local.connection.DeviceConnection;
import java.util.HashMap;
import java.util.Map;

/**
 * The broker's state for one client id: it outlives connections when the session is persistent.
 * Subscriptions live in the broker's subscription tree, keyed by this session's client id.
 */
public final class Session {

  private final String clientId;
  private final Outbox outbox;
  /** QoS 2 packet ids received and not yet released: false while the ingress has not accepted yet. */
  private final Map<Integer, Boolean> inboundQos2 = new HashMap<>();
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

  /** Where the QoS 2 exchange with this packet id stands. */
  public enum Qos2 { NEW, PENDING, ACCEPTED }

  public Qos2 inboundQos2(int packetId) {
    Boolean accepted = inboundQos2.get(packetId);
    return accepted == null ? Qos2.NEW : accepted ? Qos2.ACCEPTED : Qos2.PENDING;
  }

  /** A QoS 2 PUBLISH with this id arrived and goes to the ingress; a resend must not be delivered again. */
  public void beginInboundQos2(int packetId) {
    inboundQos2.put(packetId, false);
  }

  /** The ingress accepted it: PUBREC is due, and any resend is answered with PUBREC alone. */
  public void acceptInboundQos2(int packetId) {
    inboundQos2.replace(packetId, true);
  }

  /** Forgets a QoS 2 packet id (PUBREL received, or its acceptance failed). */
  public boolean endInboundQos2(int packetId) {
    return inboundQos2.remove(packetId) != null;
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
