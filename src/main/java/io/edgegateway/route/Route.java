package io.edgegateway.route;

import io.vertx.core.buffer.Buffer;

/**
 * Where the router sends a device's message: upstream, nowhere upstream, or back to the device as a
 * refusal. Routing decides only the upstream copy; delivery to local subscribers is the broker's.
 */
public sealed interface Route {

  /** MQTT 5 reason code 0x97 Quota exceeded: the payload is larger than IoT Core accepts. */
  int QUOTA_EXCEEDED = 0x97;
  /** MQTT 5 reason code 0x90 Topic Name invalid: the upstream topic cannot be made, or breaks IoT Core's rules. */
  int TOPIC_NAME_INVALID = 0x90;

  /** No forward rule matches: the message stays local. */
  Route LOCAL = new Local();

  /** No forward rule matches the topic. */
  record Local() implements Route {
  }

  /**
   * Send upstream.
   *
   * @param topic          the upstream topic, with {@code $aws/rules/<rule>/} in front for Basic Ingest
   * @param payload        the device's payload, unchanged
   * @param qos            the rule's QoS (0 or 1), whatever QoS the device used
   * @param retain         the device's RETAIN flag; always false for Basic Ingest, which bypasses the
   *                       broker that keeps retained messages
   * @param deviceClientId the device that published: its messages keep their order upstream
   * @param ruleIndex      the forward rule that matched (0-based, as configured), for metrics
   */
  record Forward(String topic, Buffer payload, int qos, boolean retain, String deviceClientId, int ruleIndex)
      implements Route {
  }

  /**
   * The message matches a rule but would break an IoT Core limit, or its upstream topic cannot be
   * made. It must not be acknowledged as accepted.
   *
   * @param reasonCode an MQTT 5 PUBACK/PUBREC reason code: {@link #QUOTA_EXCEEDED} or {@link #TOPIC_NAME_INVALID}
   * @param reason     what is wrong, for the log and the MQTT 5 reason string
   * @param ruleIndex  the forward rule that matched
   */
  record Refuse(int reasonCode, String reason, int ruleIndex) implements Route {
  }
}
