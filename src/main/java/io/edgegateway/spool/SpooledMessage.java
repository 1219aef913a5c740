package io.edgegateway.spool;

import io.edgegateway.route.Route;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A forwarded message as the spool keeps it until IoT Core acknowledges it.
 *
 * @param id             the spool's row id, increasing in acceptance order; 0 before it is stored
 * @param deviceClientId the device that published it
 * @param topic          the upstream topic
 * @param payload        the payload, unchanged
 * @param qos            the upstream QoS (0 or 1); a QoS 0 message may wait in memory before it is written
 * @param retain         the RETAIN flag to send upstream
 * @param ruleIndex      the forward rule that matched
 * @param acceptedAt     epoch milliseconds when the gateway accepted it
 * @param expiresAt      epoch milliseconds after which it must not be sent, or {@link #NEVER}
 */
public record SpooledMessage(long id, String deviceClientId, String topic, Buffer payload, int qos, boolean retain,
    int ruleIndex, long acceptedAt, long expiresAt) {

  /** {@link #expiresAt()} of a message that never expires. */
  public static final long NEVER = Long.MAX_VALUE;

  public SpooledMessage {
    Objects.requireNonNull(deviceClientId, "deviceClientId");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
  }

  /** A message not yet stored, accepted at {@code acceptedAt}. */
  public static SpooledMessage of(Route.Forward forward, long acceptedAt, long expiresAt) {
    return new SpooledMessage(0, forward.deviceClientId(), forward.topic(), forward.payload(), forward.qos(),
        forward.retain(), forward.ruleIndex(), acceptedAt, expiresAt);
  }

  /** The same message with its row id. */
  SpooledMessage withId(long rowId) {
    return new SpooledMessage(rowId, deviceClientId, topic, payload, qos, retain, ruleIndex, acceptedAt, expiresAt);
  }

  /** What the upstream link sends. */
  public Route.Forward toForward() {
    return new Route.Forward(topic, payload, qos, retain, deviceClientId, ruleIndex);
  }

  /** Bytes counted against the spool's size bound: payload, topic and client id. */
  public int size() {
    return payload.length() + topic.getBytes(StandardCharsets.UTF_8).length
        + deviceClientId.getBytes(StandardCharsets.UTF_8).length;
  }

  public boolean expired(long nowMillis) {
    return expiresAt <= nowMillis;
  }
}
