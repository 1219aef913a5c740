package io.edgegateway.local.will;

import io.edgegateway.message.Message;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttWill;

/**
 * A device's will: the message to publish when its connection ends without a DISCONNECT.
 *
 * @param message       the will message, without an expiry
 * @param delaySeconds  MQTT 5 Will Delay Interval: how long to wait for the device to come back first
 * @param expirySeconds MQTT 5 Message Expiry Interval, counted from publication; -1 for none
 */
public record Will(Message message, long delaySeconds, long expirySeconds) {

  /** The will in a CONNECT, or null when it carries none. */
  public static Will from(MqttWill will, String clientId, String username) {
    if (will == null || !will.isWillFlag()) {
      return null;
    }
    MqttProperties in = will.getWillProperties();
    MqttProperties kept = MqttProperties.NO_PROPERTIES;
    long delay = 0;
    long expirySeconds = -1;
    if (in != null && !in.isEmpty()) {
      kept = new MqttProperties();
      for (MqttProperties.MqttProperty<?> p : in.listAll()) {
        if (p.propertyId() == MqttPropertyType.WILL_DELAY_INTERVAL.value()) {
          delay = Integer.toUnsignedLong((Integer) p.value());
        } else if (p.propertyId() == MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value()) {
          expirySeconds = Integer.toUnsignedLong((Integer) p.value());
        } else {
          kept.add(p);
        }
      }
    }
    Buffer payload = will.getWillMessage() == null ? Buffer.buffer() : will.getWillMessage();
    Message message = new Message(will.getWillTopic(), payload, will.getWillQos(), will.isWillRetain(), clientId,
        username, kept, Long.MAX_VALUE);
    return new Will(message, delay, expirySeconds);
  }

  /** The message to publish now, its expiry interval (if any) counted from {@code nowNanos}. */
  public Message publishable(long nowNanos) {
    Message m = message;
    if (expirySeconds < 0) {
      return m;
    }
    return new Message(m.topic(), m.payload(), m.qos(), m.retain(), m.clientId(), m.username(), m.properties(),
        nowNanos + expirySeconds * 1_000_000_000L);
  }
}
