package io.edgegateway.message;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * A message a device published, as the gateway accepted it. Immutable by contract: nobody writes to
 * {@code payload} or {@code properties} after construction.
 *
 * @param topic          topic name
 * @param payload        payload bytes
 * @param qos            QoS the publisher used, 0..2
 * @param retain         the publisher's RETAIN flag
 * @param clientId       client id of the publisher
 * @param username       username of the publisher, or null when it connected anonymously
 * @param properties     MQTT 5 properties to pass on (payload format, content type, response topic,
 *                       correlation data, user properties); never topic alias or subscription ids
 * @param expiresAtNanos {@link System#nanoTime()} after which the message must not be delivered,
 *                       or {@link Long#MAX_VALUE} for never (MQTT 5 Message Expiry Interval)
 */
public record Message(
    String topic,
    Buffer payload,
    int qos,
    boolean retain,
    String clientId,
    String username,
    MqttProperties properties,
    long expiresAtNanos) {

  public Message {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(properties, "properties");
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("qos " + qos);
    }
  }

  /** Whether the message's expiry interval has passed at {@code nowNanos}. */
  public boolean expired(long nowNanos) {
    return expiresAtNanos != Long.MAX_VALUE && nowNanos - expiresAtNanos >= 0;
  }

  /** Seconds left before expiry, rounded up, for the Message Expiry Interval of a forwarded copy. */
  public long remainingExpirySeconds(long nowNanos) {
    long left = expiresAtNanos - nowNanos;
    return left <= 0 ? 0 : (left + 999_999_999L) / 1_000_000_000L;
  }
}
