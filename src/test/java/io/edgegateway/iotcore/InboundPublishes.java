package io.edgegateway.iotcore;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PUBLISH from a connection, checked in IoT Core's order of concerns:
 * <ol>
 *   <li>QoS 2: disconnect (MQTT 5 0x9B QoS not supported);</li>
 *   <li>payload over 128 KB: disconnect (0x95 packet too large);</li>
 *   <li>topic invalid, over 256 bytes or 7 slashes: disconnect (0x90 topic name invalid);</li>
 *   <li>a QoS 1 PUBLISH while Receive Maximum (100) QoS 1 ones are unacknowledged: disconnect (0x93). The
 *       simulator acknowledges at once, so only MQTT 3.1.1 publishes discarded by the rate limit (which get no
 *       PUBACK) stay unacknowledged;</li>
 *   <li>byte rate over 512 KiB/s: accepted, then reading pauses until the rate allows more;</li>
 *   <li>more than 100 publishes in a second (this connection's in and out together): discarded, MQTT 5 QoS 1
 *       answered PUBACK 0x97, otherwise no answer;</li>
 *   <li>{@code iot:Publish} (and {@code iot:RetainPublish} for a retained one) not allowed: MQTT 5 QoS 1 PUBACK
 *       0x87, QoS 0 dropped; MQTT 3.1.1 disconnected, as IoT Core does.</li>
 * </ol>
 * An accepted PUBLISH is recorded as an {@link Arrival}, routed to subscribers unless it is Basic Ingest,
 * and acknowledged (QoS 1) at once. MQTT 3.1.1 connections are closed where MQTT 5 ones get a DISCONNECT.
 */
final class InboundPublishes {
  private final Vertx vertx;
  private final Quotas quotas;
  private final TopicLimits topicLimits;
  private final Counters counters;
  private final ArrivalLog arrivals;
  private final Router router;

  InboundPublishes(Vertx vertx, Quotas quotas, Counters counters, ArrivalLog arrivals, Router router) {
    this.vertx = vertx;
    this.quotas = quotas;
    this.topicLimits = new TopicLimits(quotas);
    this.counters = counters;
    this.arrivals = arrivals;
    this.router = router;
  }

  void handle(Connection connection, MqttPublishMessage message) {
    if (connection.closing()) {
      return;
    }
    long now = System.nanoTime();
    int qos = message.qosLevel().value();
    String topic = message.topicName();
    int size = message.payload().length();
    if (qos == 2 && quotas.refuseQos2()) {
      refuse(connection, Counter.QOS2, MqttDisconnectReasonCode.QOS_NOT_SUPPORTED);
      return;
    }
    if (quotas.maxPayloadBytes() > 0 && size > quotas.maxPayloadBytes()) {
      refuse(connection, Counter.OVERSIZED, MqttDisconnectReasonCode.PACKET_TOO_LARGE);
      return;
    }
    if (!Topics.validName(topic)) {
      refuse(connection, Counter.TOPIC_INVALID, MqttDisconnectReasonCode.TOPIC_NAME_INVALID);
      return;
    }
    Optional<Counter> tooBig = topicLimits.violation(topic);
    if (tooBig.isPresent()) {
      refuse(connection, tooBig.get(), MqttDisconnectReasonCode.TOPIC_NAME_INVALID);
      return;
    }
    if (qos == 1) {
      connection.unacknowledged.remove(message.messageId());
    }
    if (qos > 0 && quotas.receiveMaximum() > 0 && connection.unacknowledged.size() >= quotas.receiveMaximum()) {
      refuse(connection, Counter.INFLIGHT_EXCEEDED, MqttDisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
      return;
    }
    slowDown(connection, size + topic.getBytes(StandardCharsets.UTF_8).length, now);
    if (!connection.publishRate.tryAcquire(now)) {
      counters.increment(Counter.THROTTLED);
      if (connection.mqtt5 && qos == 1) {
        acknowledge(connection, message, MqttPubAckReasonCode.QUOTA_EXCEEDED);
      } else if (qos == 1) {
        connection.unacknowledged.add(message.messageId());
      }
      return;
    }
    Arns arns = connection.arns();
    boolean mayPublish = connection.allows(IotAction.PUBLISH, arns.topic(topic));
    if (!mayPublish || message.isRetain() && !connection.allows(IotAction.RETAIN_PUBLISH, arns.topic(topic))) {
      counters.increment(mayPublish ? Counter.POLICY_REFUSED_RETAIN : Counter.POLICY_REFUSED_PUBLISH);
      if (!connection.mqtt5) {
        connection.disconnect(MqttDisconnectReasonCode.NOT_AUTHORIZED);
      } else if (qos == 1) {
        acknowledge(connection, message, MqttPubAckReasonCode.NOT_AUTHORIZED);
      }
      return;
    }
    accept(connection, message, now);
  }

  private void accept(Connection connection, MqttPublishMessage message, long now) {
    String topic = message.topicName();
    Optional<BasicIngest> ingest = BasicIngest.parse(topic);
    arrivals.add(new Arrival(Instant.now(), now, connection.clientId, connection.principalId(), topic,
        message.payload().getBytes(), message.qosLevel().value(), message.isRetain(),
        ingest.map(BasicIngest::ruleName).orElse(null), ingest.map(BasicIngest::topic).orElse(null),
        connection.connectionId()));
    if (ingest.isEmpty()) {
      router.route(topic, message.payload(), message.qosLevel().value());
    }
    if (message.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
      acknowledge(connection, message, MqttPubAckReasonCode.SUCCESS);
    } else if (message.qosLevel() == MqttQoS.EXACTLY_ONCE) {
      connection.endpoint.publishReceived(message.messageId());
    }
  }

  /** Over the byte rate: this message goes through, reading stops until the debt is paid. */
  private void slowDown(Connection connection, long bytes, long now) {
    long pauseNanos = connection.byteRate.consume(bytes, now);
    if (pauseNanos <= 0 || connection.socket.isEmpty()) {
      return;
    }
    counters.increment(Counter.BYTES_DELAYED);
    EndpointSocket socket = connection.socket.get();
    socket.pause();
    vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(pauseNanos)), t -> socket.resume());
  }

  private void acknowledge(Connection connection, MqttPublishMessage message, MqttPubAckReasonCode code) {
    if (!connection.closing()) {
      connection.endpoint.publishAcknowledge(message.messageId(), code, MqttProperties.NO_PROPERTIES);
    }
  }

  private void refuse(Connection connection, Counter counter, MqttDisconnectReasonCode reason) {
    counters.increment(counter);
    connection.disconnect(reason);
  }
}
