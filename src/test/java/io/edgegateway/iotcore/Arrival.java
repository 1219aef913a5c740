package io.edgegateway.iotcore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A PUBLISH the simulator accepted from a connection.
 *
 * @param time         when it was accepted (wall clock)
 * @param nanos        when it was accepted ({@link System#nanoTime}, for rate checks)
 * @param clientId     the publishing connection's client id
 * @param principalId  the principal the authorizer named for that connection
 * @param topic        the topic as published (with any {@code $aws/rules/<rule>/} prefix)
 * @param payload      the payload bytes
 * @param qos          0 or 1
 * @param retain       the retain flag
 * @param ruleName     the Basic Ingest rule, or null for an ordinary topic
 * @param ruleTopic    the topic after the Basic Ingest prefix, or null
 * @param connectionId the connection's id (the authorizer event's {@code connectionMetadata.id})
 */
public record Arrival(
    Instant time,
    long nanos,
    String clientId,
    String principalId,
    String topic,
    byte[] payload,
    int qos,
    boolean retain,
    String ruleName,
    String ruleTopic,
    String connectionId) {

  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Arrival[" + clientId + " " + topic + " qos" + qos + (retain ? " retain" : "") + " "
        + payload.length + " bytes]";
  }
}
