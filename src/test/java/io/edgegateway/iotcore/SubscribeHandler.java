package io.edgegateway.iotcore;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SUBSCRIBE and UNSUBSCRIBE. Each filter is answered on its own (MQTT 5 reason / MQTT 3.1.1 0x80):
 * <ul>
 *   <li>beyond the 8th filter of one SUBSCRIBE: 0x97 quota exceeded (the simulator's choice; IoT Core may
 *       instead refuse the whole packet);</li>
 *   <li>invalid, over 256 bytes or 7 slashes: 0x8F topic filter invalid;</li>
 *   <li>a shared subscription ({@code $share/...}): 0x9E not supported here;</li>
 *   <li>{@code iot:Subscribe} on {@code topicfilter/<filter>} not allowed: 0x87;</li>
 *   <li>a new filter when the connection has 50: 0x97.</li>
 * </ul>
 * QoS 2 is granted as QoS 1 (IoT Core supports QoS 0 and 1). No retained messages are sent.
 */
final class SubscribeHandler {
  private final Quotas quotas;
  private final TopicLimits topicLimits;
  private final Counters counters;

  SubscribeHandler(Quotas quotas, Counters counters) {
    this.quotas = quotas;
    this.topicLimits = new TopicLimits(quotas);
    this.counters = counters;
  }

  void subscribe(Connection connection, MqttSubscribeMessage message) {
    if (connection.closing()) {
      return;
    }
    List<MqttSubAckReasonCode> codes = new ArrayList<>();
    List<MqttTopicSubscription> entries = message.topicSubscriptions();
    for (int i = 0; i < entries.size(); i++) {
      MqttSubAckReasonCode code = decide(connection, entries.get(i), i);
      codes.add(connection.mqtt5 || code.value() < 0x80 ? code : MqttSubAckReasonCode.UNSPECIFIED_ERROR);
    }
    connection.endpoint.subscribeAcknowledge(message.messageId(), codes, MqttProperties.NO_PROPERTIES);
  }

  private MqttSubAckReasonCode decide(Connection connection, MqttTopicSubscription entry, int index) {
    String filter = entry.topicName();
    if (quotas.maxFiltersPerSubscribe() > 0 && index >= quotas.maxFiltersPerSubscribe()) {
      counters.increment(Counter.FILTERS_PER_SUBSCRIBE_EXCEEDED);
      return MqttSubAckReasonCode.QUOTA_EXCEEDED;
    }
    if (!Topics.validFilter(filter)) {
      return MqttSubAckReasonCode.TOPIC_FILTER_INVALID;
    }
    Optional<Counter> tooBig = topicLimits.violation(filter);
    if (tooBig.isPresent()) {
      counters.increment(tooBig.get());
      return MqttSubAckReasonCode.TOPIC_FILTER_INVALID;
    }
    if (filter.startsWith("$share/")) {
      return MqttSubAckReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED;
    }
    if (!connection.allows(IotAction.SUBSCRIBE, connection.arns().topicFilter(filter))) {
      counters.increment(Counter.POLICY_REFUSED_SUBSCRIBE);
      return MqttSubAckReasonCode.NOT_AUTHORIZED;
    }
    if (quotas.maxSubscriptions() > 0 && !connection.subscriptions.containsKey(filter)
        && connection.subscriptions.size() >= quotas.maxSubscriptions()) {
      counters.increment(Counter.SUBSCRIPTIONS_EXCEEDED);
      return MqttSubAckReasonCode.QUOTA_EXCEEDED;
    }
    int qos = Math.min(entry.qualityOfService().value(), quotas.refuseQos2() ? 1 : 2);
    connection.subscriptions.put(filter, qos);
    return qos == 0 ? MqttSubAckReasonCode.GRANTED_QOS0
        : qos == 1 ? MqttSubAckReasonCode.GRANTED_QOS1 : MqttSubAckReasonCode.GRANTED_QOS2;
  }

  void unsubscribe(Connection connection, MqttUnsubscribeMessage message) {
    if (connection.closing()) {
      return;
    }
    List<MqttUnsubAckReasonCode> codes = new ArrayList<>();
    for (String filter : message.topics()) {
      codes.add(connection.subscriptions.remove(filter) != null ? MqttUnsubAckReasonCode.SUCCESS
          : MqttUnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED);
    }
    connection.endpoint.unsubscribeAcknowledge(message.messageId(), codes, MqttProperties.NO_PROPERTIES);
  }
}
