package io.edgegateway.local.session;

import io.edgegateway.local.BrokerStats;
import io.edgegateway.local.BrokerStats.Drop;
import io.edgegateway.local.connection.DeviceConnection;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.mqtt.messages.codes.MqttPubCompReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Messages on their way to one session's device: QoS 1 and 2 deliveries in flight (at most the
 * smaller of the gateway's and the device's Receive Maximum), and a bounded queue behind them that
 * also holds them while a persistent session is offline. On reconnect the in-flight ones are sent
 * again, with DUP set, in their original order, before anything new.
 */
public final class Outbox {

  private enum State { AWAITING_PUBACK, AWAITING_PUBREC, AWAITING_PUBCOMP }

  private static final class Inflight {
    final Delivery delivery;
    State state;

    Inflight(Delivery delivery, State state) {
      this.delivery = delivery;
      this.state = state;
    }
  }

  private final int maxQueued;
  private final int maxInflight;
  private final long maxPendingWriteBytes;
  private final BrokerStats stats;
  private final QueueBudget budget;
  private final long maxBytes;
  private long bytes;
  private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
  private final Map<Integer, Inflight> inflight = new LinkedHashMap<>();
  private final PacketIds packetIds = new PacketIds();
  private DeviceConnection connection;
  private int window;

  public Outbox(int maxQueued, int maxInflight, long maxPendingWriteBytes, QueueBudget budget,
      BrokerStats stats) {
    this.maxQueued = maxQueued;
    this.budget = budget;
    // no single session may take more than an eighth of the shared room
    this.maxBytes = Math.max(budget.max() / 8, 1);
    this.maxInflight = maxInflight;
    this.maxPendingWriteBytes = maxPendingWriteBytes;
    this.stats = stats;
  }

  /** The device is connected: resend what is in flight, then send what is queued. */
  public void attach(DeviceConnection device) {
    this.connection = device;
    this.window = Math.max(1, Math.min(maxInflight, device.clientReceiveMaximum()));
    long now = System.nanoTime();
    for (Iterator<Map.Entry<Integer, Inflight>> it = inflight.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Integer, Inflight> e = it.next();
      Inflight f = e.getValue();
      if (f.state == State.AWAITING_PUBCOMP) {
        device.pubrel(e.getKey());
      } else if (!device.fitsClientMaximum(f.delivery.message().topic(), f.delivery.message().payload(),
          f.delivery.properties(now))) {
        // the device now accepts smaller packets than when this was first sent
        it.remove();
        release(f.delivery);
        stats.dropped(Drop.TOO_LARGE_FOR_CLIENT);
      } else {
        send(f.delivery, e.getKey(), true, now);
      }
    }
    drain();
  }

  /** The device went away; in-flight and queued messages stay for its next connection. */
  public void detach() {
    this.connection = null;
  }

  /** Queues or sends one delivery. */
  public void offer(Delivery d) {
    if (d.qos() == 0) {
      sendQos0(d);
      return;
    }
    if (queue.size() >= maxQueued || bytes + d.size() > maxBytes || !budget.tryReserve(d.size())) {
      stats.dropped(Drop.QUEUE_FULL);
      return;
    }
    bytes += d.size();
    queue.add(d);
    drain();
  }

  /** PUBACK from the device. */
  public void onPuback(int packetId) {
    Inflight f = inflight.get(packetId);
    if (f != null && f.state == State.AWAITING_PUBACK) {
      inflight.remove(packetId);
      release(f.delivery);
      stats.sent();
      drain();
    }
  }

  /** PUBREC from the device: answer with PUBREL, or, on an error code, give the message up. */
  public void onPubrec(int packetId, MqttPubRecReasonCode code) {
    Inflight f = inflight.get(packetId);
    if (f == null) {
      return;
    }
    if (code != null && (code.value() & 0xFF) >= 0x80) {
      inflight.remove(packetId);
      release(f.delivery);
      drain();
      return;
    }
    f.state = State.AWAITING_PUBCOMP;
    if (connection != null) {
      connection.pubrel(packetId);
    }
  }

  /** PUBCOMP from the device. */
  public void onPubcomp(int packetId, MqttPubCompReasonCode code) {
    Inflight f = inflight.get(packetId);
    if (f != null && f.state == State.AWAITING_PUBCOMP) {
      inflight.remove(packetId);
      release(f.delivery);
      stats.sent();
      drain();
    }
  }

  /** Drops everything: the session has ended. */
  public void clear() {
    long lost = queue.size() + inflight.size();
    if (lost > 0) {
      stats.dropped(Drop.SESSION_ENDED, lost);
    }
    queue.forEach(this::release);
    inflight.values().forEach(f -> release(f.delivery));
    queue.clear();
    inflight.clear();
  }

  private void drain() {
    DeviceConnection c = connection;
    if (c == null) {
      return;
    }
    long now = System.nanoTime();
    while (inflight.size() < window && !queue.isEmpty() && c.isOpen()) {
      Delivery d = queue.poll();
      if (d.message().expired(now)) {
        release(d);
        stats.dropped(Drop.EXPIRED);
        continue;
      }
      MqttProperties props = d.properties(now);
      if (!c.fitsClientMaximum(d.message().topic(), d.message().payload(), props)) {
        release(d);
        stats.dropped(Drop.TOO_LARGE_FOR_CLIENT);
        continue;
      }
      int id = packetIds.next(inflight);
      inflight.put(id, new Inflight(d, d.qos() == 1 ? State.AWAITING_PUBACK : State.AWAITING_PUBREC));
      c.publish(d.message().topic(), d.message().payload(), d.qos(), false, d.retain(), id, props);
    }
  }

  private void send(Delivery d, int packetId, boolean dup, long now) {
    connection.publish(d.message().topic(), d.message().payload(), d.qos(), dup, d.retain(), packetId,
        d.properties(now));
  }

  private void sendQos0(Delivery d) {
    DeviceConnection c = connection;
    if (c == null || !c.isOpen()) {
      return; // QoS 0 is not kept for an offline session
    }
    long now = System.nanoTime();
    if (d.message().expired(now)) {
      stats.dropped(Drop.EXPIRED);
      return;
    }
    if (c.pendingWriteBytes() > maxPendingWriteBytes) {
      stats.dropped(Drop.SLOW_CONSUMER);
      return;
    }
    MqttProperties props = d.properties(now);
    if (!c.fitsClientMaximum(d.message().topic(), d.message().payload(), props)) {
      stats.dropped(Drop.TOO_LARGE_FOR_CLIENT);
      return;
    }
    c.publish(d.message().topic(), d.message().payload(), 0, false, d.retain(), 0, props)
        .onSuccess(id -> stats.sent());
  }

  private void release(Delivery d) {
    bytes -= d.size();
    budget.release(d.size());
  }
}
