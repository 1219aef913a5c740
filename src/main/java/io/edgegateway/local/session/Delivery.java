package io.edgegateway.local.session;

import io.edgegateway.message.Message;
import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.List;

/**
 * One message on its way to one subscriber.
 *
 * @param message         the message
 * @param qos             QoS of this delivery (the lower of the published and the granted QoS)
 * @param retain          RETAIN flag to send
 * @param subscriptionIds MQTT 5 Subscription Identifiers of the matching subscriptions
 */
public record Delivery(Message message, int qos, boolean retain, List<Integer> subscriptionIds) {

  public Delivery {
    subscriptionIds = List.copyOf(subscriptionIds);
  }

  /** Bytes this delivery holds in memory while it waits: topic and payload. */
  public long size() {
    return message.payload().length() + 2L * message.topic().length();
  }

  /** The MQTT 5 properties of the PUBLISH for this delivery at {@code nowNanos}. */
  public MqttProperties properties(long nowNanos) {
    MqttProperties source = message.properties();
    if (source.isEmpty() && subscriptionIds.isEmpty() && message.expiresAtNanos() == Long.MAX_VALUE) {
      return MqttProperties.NO_PROPERTIES;
    }
    MqttProperties props = new MqttProperties();
    for (MqttProperties.MqttProperty<?> p : source.listAll()) {
      if (p.propertyId() != MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value()) {
        props.add(p);
      }
    }
    if (message.expiresAtNanos() != Long.MAX_VALUE) {
      props.add(new MqttProperties.IntegerProperty(
          MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(),
          (int) Math.min(Integer.MAX_VALUE, message.remainingExpirySeconds(nowNanos))));
    }
    for (int id : subscriptionIds) {
      props.add(new MqttProperties.IntegerProperty(
          MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), id));
    }
    return props;
  }
}
