package io.edgegateway.local.publish;

import io.edgegateway.local.BrokerStats;
import io.edgegateway.local.BrokerStats.Drop;
import io.edgegateway.local.Ingress;
import io.edgegateway.local.connection.DeviceConnection;
import io.edgegateway.local.session.Session;
import io.edgegateway.local.subscription.Topics;
import io.edgegateway.message.Message;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubCompReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PUBLISH packets of one connection, handled strictly in arrival order: rate limit, ACL check,
 * QoS 2 de-duplication, local delivery, then {@link Ingress}; the acknowledgement goes out when the
 * ingress says the message is safe. A device over its publish rate is slowed: its packets wait for
 * tokens (its QoS 1 and 2 acknowledgements are delayed with them, so a well-behaved client backs off);
 * QoS 0 packets beyond a short backlog are dropped and counted.
 */
public final class InboundPublishes {

  private static final Logger LOG = LoggerFactory.getLogger(InboundPublishes.class);

  private final Vertx vertx;
  private final Context context;
  private final DeviceConnection connection;
  private final Session session;
  private final Dispatcher dispatcher;
  private final Ingress ingress;
  private final BrokerStats stats;
  private final RateLimiter rate;
  private final int receiveMaximum;
  private final int maxQos0Backlog;
  private final int maxMqtt311Unacknowledged;
  private final ArrayDeque<MqttPublishMessage> backlog = new ArrayDeque<>();
  private int unacknowledged;
  private long timer = -1;
  private boolean closed;

  public InboundPublishes(Vertx vertx, DeviceConnection connection, Session session, Dispatcher dispatcher, Ingress ingress, BrokerStats stats, int maxPublishRate, int receiveMaximum) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.connection = connection;
    this.session = session;
    this.dispatcher = dispatcher;
    this.ingress = ingress;
    this.stats = stats;
    this.rate = new RateLimiter(maxPublishRate, System.nanoTime());
    this.receiveMaximum = receiveMaximum;
    this.maxQos0Backlog = Math.max(16, receiveMaximum);
    // MQTT 3.1.1 has no Receive Maximum to announce; a device far beyond ours is not slowing down
    this.maxMqtt311Unacknowledged = Math.max(128, 4 * receiveMaximum);
  }

  /** A PUBLISH arrived. */
  public void onPublish(MqttPublishMessage p) {
    if (closed) {
      return;
    }
    connection.touch();
    if (p.properties() != null && p.properties().getProperty(MqttPropertyType.TOPIC_ALIAS.value()) != null) {
      // the gateway's CONNACK grants no topic aliases (Topic Alias Maximum 0)
      protocolViolation(MqttDisconnectReasonCode.TOPIC_ALIAS_INVALID, "used a topic alias");
      return;
    }
    if (p.topicName() == null || !Topics.isValidTopicName(p.topicName())) {
      protocolViolation(MqttDisconnectReasonCode.TOPIC_NAME_INVALID, "published to an invalid topic name");
      return;
    }
    if (p.qosLevel().value() > 0) {
      if (connection.isMqtt5() && unacknowledged >= receiveMaximum) {
        protocolViolation(MqttDisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED,
            "sent more than " + receiveMaximum + " unacknowledged QoS 1/2 messages");
        return;
      }
      if (!connection.isMqtt5() && unacknowledged >= maxMqtt311Unacknowledged) {
        protocolViolation(MqttDisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED,
            "sent more than " + maxMqtt311Unacknowledged + " unacknowledged QoS 1/2 messages");
        return;
      }
      unacknowledged++;
    } else if (backlog.size() >= maxQos0Backlog) {
      stats.dropped(Drop.RATE_LIMITED);
      return;
    }
    backlog.add(p);
    pump();
  }

  /** A PUBREL arrived: the QoS 2 exchange ends with PUBCOMP. */
  public void onPubrel(int packetId) {
    connection.touch();
    boolean known = session.endInboundQos2(packetId);
    connection.pubcomp(packetId, known || !connection.isMqtt5()
        ? MqttPubCompReasonCode.SUCCESS
        : MqttPubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND);
  }

  /** The connection closed: pending packets are abandoned unacknowledged (the device resends them). */
  public void close() {
    closed = true;
    backlog.clear();
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void pump() {
    while (!backlog.isEmpty() && !closed && timer < 0) {
      long now = System.nanoTime();
      if (!rate.tryTake(now)) {
        long waitMs = Math.max(1, rate.nanosUntilToken(now) / 1_000_000);
        timer = vertx.setTimer(waitMs, id -> {
          timer = -1;
          pump();
        });
        return;
      }
      handle(backlog.poll(), now);
    }
  }

  private void handle(MqttPublishMessage p, long now) {
    int qos = p.qosLevel().value();
    int packetId = p.messageId();
    stats.received();
    if (reservedTopic(p.topicName())
        || !connection.permissions().canPublish(p.topicName())) {
      LOG.debug("client {} may not publish to {}", connection.clientId(), p.topicName());
      stats.dropped(Drop.NOT_AUTHORIZED);
      // MQTT 3.1.1 has no negative acknowledgement: the message is acknowledged and dropped (as Mosquitto)
      acknowledge(qos, packetId, MqttPubAckReasonCode.NOT_AUTHORIZED, MqttPubRecReasonCode.NOT_AUTHORIZED);
      return;
    }
    if (qos == 2) {
      switch (session.inboundQos2(packetId)) {
        case ACCEPTED -> {
          // a resend of a QoS 2 message already accepted: acknowledge again, deliver nothing
          acknowledge(2, packetId, MqttPubAckReasonCode.SUCCESS, MqttPubRecReasonCode.SUCCESS);
          return;
        }
        case PENDING -> {
          // a resend while the original is still on its way to safety: its PUBREC will answer both
          unacknowledged--;
          return;
        }
        case NEW -> session.beginInboundQos2(packetId);
      }
    }
    Message message = toMessage(p, now);
    dispatcher.dispatch(message);
    ingress.accept(message).onComplete(ar -> onBrokerContext(() -> {
      if (ar.succeeded()) {
        if (qos == 2) {
          session.acceptInboundQos2(packetId);
        }
        acknowledge(qos, packetId, MqttPubAckReasonCode.SUCCESS, MqttPubRecReasonCode.SUCCESS);
      } else {
        refuse(qos, packetId, ar.cause());
      }
    }));
  }

  /** Topics devices may not publish to, whatever the ACL says (as Mosquitto): $SYS and $share. */
  private static boolean reservedTopic(String topic) {
    return topic.startsWith("$SYS/") || topic.equals("$SYS") || topic.startsWith("$share/");
  }

  /** Ingress futures may complete on another thread (the spool's writer); state is touched only here. */
  private void onBrokerContext(Runnable r) {
    if (Vertx.currentContext() == context) {
      r.run();
    } else {
      context.runOnContext(v -> r.run());
    }
  }

  private void refuse(int qos, int packetId, Throwable cause) {
    if (qos == 2) {
      session.endInboundQos2(packetId);
    }
    if (qos == 0) {
      return;
    }
    DeviceConnection current = session.connection() != null ? session.connection() : connection;
    if (!current.isMqtt5() && cause instanceof Ingress.RefusedException r && r.permanent()) {
      // MQTT 3.1.1 has no negative acknowledgement; resending would be refused again: acknowledge and drop
      LOG.debug("message from client {} refused: {}; acknowledged and dropped", connection.clientId(),
          cause.getMessage());
      stats.dropped(Drop.REFUSED_UPSTREAM);
      acknowledge(qos, packetId, MqttPubAckReasonCode.SUCCESS, MqttPubRecReasonCode.SUCCESS);
      return;
    }
    if (!current.isMqtt5()) {
      // no way to tell an MQTT 3.1.1 device: close without acknowledging, so it publishes again
      LOG.warn("could not accept a message from client {}: {}; closing its connection", connection.clientId(),
          cause.getMessage());
      unacknowledged--;
      connection.close();
      current.close();
      return;
    }
    int code = cause instanceof Ingress.RefusedException r ? r.reasonCode() : 0x80;
    MqttPubAckReasonCode ack;
    MqttPubRecReasonCode rec;
    try {
      ack = MqttPubAckReasonCode.valueOf((byte) code);
      rec = MqttPubRecReasonCode.valueOf((byte) code);
    } catch (IllegalArgumentException notAnAckCode) {
      ack = MqttPubAckReasonCode.UNSPECIFIED_ERROR;
      rec = MqttPubRecReasonCode.UNSPECIFIED_ERROR;
    }
    acknowledge(qos, packetId, ack, rec);
  }

  private void acknowledge(int qos, int packetId, MqttPubAckReasonCode ack, MqttPubRecReasonCode rec) {
    if (qos == 0) {
      return;
    }
    unacknowledged--;
    if (qos == 1) {
      connection.puback(packetId, connection.isMqtt5() ? ack : MqttPubAckReasonCode.SUCCESS);
    } else {
      // the device may have reconnected meanwhile: the PUBREC goes to the session's connection now
      DeviceConnection to = session.connection() != null ? session.connection() : connection;
      to.pubrec(packetId, to.isMqtt5() ? rec : MqttPubRecReasonCode.SUCCESS);
    }
  }

  private Message toMessage(MqttPublishMessage p, long now) {
    MqttProperties in = p.properties();
    MqttProperties kept = MqttProperties.NO_PROPERTIES;
    long expiresAt = Long.MAX_VALUE;
    if (in != null && !in.isEmpty()) {
      kept = new MqttProperties();
      for (MqttProperties.MqttProperty<?> prop : in.listAll()) {
        int id = prop.propertyId();
        if (id == MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value()) {
          expiresAt = now + Integer.toUnsignedLong((Integer) prop.value()) * 1_000_000_000L;
        } else if (id != MqttPropertyType.TOPIC_ALIAS.value()
            && id != MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value()) {
          kept.add(prop);
        }
      }
    }
    return new Message(p.topicName(), p.payload(), p.qosLevel().value(), p.isRetain(), connection.clientId(),
        connection.username(), kept, expiresAt);
  }

  private void protocolViolation(MqttDisconnectReasonCode reason, String what) {
    LOG.info("client {} {}: disconnecting it ({})", connection.clientId(), what, reason);
    close();
    connection.disconnect(reason);
  }
}
