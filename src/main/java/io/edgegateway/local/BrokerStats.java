package io.edgegateway.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the local broker. Written on the broker's event loop, readable from any thread (the
 * metrics endpoint reads them).
 */
public final class BrokerStats {

  /** Why a device's connection attempt was refused. */
  public enum Refusal {
    BAD_CREDENTIALS, NOT_AUTHORIZED, CLIENT_ID_INVALID, TOO_MANY_CONNECTIONS, KEEP_ALIVE_TOO_LONG,
    WILL_NOT_AUTHORIZED, PROTOCOL_ERROR, SHUTTING_DOWN,
    /** Per-device identity: IoT Core could not be reached, and the device had no verifier to be admitted on. */
    UPSTREAM_UNAVAILABLE
  }

  /** Why a message was not delivered to a subscriber, or not accepted from a publisher. */
  public enum Drop {
    QUEUE_FULL, EXPIRED, SLOW_CONSUMER, TOO_LARGE_FOR_CLIENT, NOT_AUTHORIZED, RATE_LIMITED,
    SESSION_ENDED, RETAINED_STORE_FULL,
    /** Refused for good on its way upstream (too large, a topic IoT Core refuses), from an MQTT 3.1.1 device. */
    REFUSED_UPSTREAM
  }

  private volatile int connectedDevices;
  private final LongAdder connectionsAccepted = new LongAdder();
  private final LongAdder messagesReceived = new LongAdder();
  private final LongAdder messagesSent = new LongAdder();
  private final Map<Refusal, LongAdder> refusals = new EnumMap<>(Refusal.class);
  private final Map<Drop, LongAdder> drops = new EnumMap<>(Drop.class);
  private final Map<String, ConnectedDevice> devices = new ConcurrentHashMap<>();

  public BrokerStats() {
    for (Refusal r : Refusal.values()) {
      refusals.put(r, new LongAdder());
    }
    for (Drop d : Drop.values()) {
      drops.put(d, new LongAdder());
    }
  }

  /** The number of devices connected now, as the session registry counts them. */
  public void connectedDevices(int count) {
    connectedDevices = count;
  }

  /** A connection now holds this client id (replacing any earlier one). */
  public void deviceConnected(ConnectedDevice device) {
    devices.put(device.clientId(), device);
  }

  /** The connection holding this client id ended. */
  public void deviceDisconnected(String clientId) {
    devices.remove(clientId);
  }

  public void accepted() {
    connectionsAccepted.increment();
  }

  public void refused(Refusal reason) {
    refusals.get(reason).increment();
  }

  public void received() {
    messagesReceived.increment();
  }

  public void sent() {
    messagesSent.increment();
  }

  public void dropped(Drop reason) {
    drops.get(reason).increment();
  }

  public void dropped(Drop reason, long count) {
    drops.get(reason).add(count);
  }

  public int connectedDevices() {
    return connectedDevices;
  }

  /** The devices connected now, by client id. */
  public List<ConnectedDevice> devices() {
    List<ConnectedDevice> list = new ArrayList<>(devices.values());
    list.sort(Comparator.comparing(ConnectedDevice::clientId));
    return list;
  }

  public long connectionsAccepted() {
    return connectionsAccepted.sum();
  }

  public long messagesReceived() {
    return messagesReceived.sum();
  }

  public long messagesSent() {
    return messagesSent.sum();
  }

  public long refusals(Refusal reason) {
    return refusals.get(reason).sum();
  }

  public long drops(Drop reason) {
    return drops.get(reason).sum();
  }
}
