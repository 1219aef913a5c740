package io.edgegateway.upstream;

import io.vertx.core.buffer.Buffer;

/**
 * A message on its way to IoT Core, after routing.
 *
 * @param deviceClientId the local device it came from: its messages always use the same connection, in order
 * @param topic          the upstream topic (Basic Ingest topics start with {@code $aws/rules/})
 * @param payload        the payload
 * @param qos            0 or 1
 * @param retain         the RETAIN flag
 */
public record Outbound(String deviceClientId, String topic, Buffer payload, int qos, boolean retain) {

  public Outbound {
    if (qos < 0 || qos > 1) {
      throw new IllegalArgumentException("IoT Core supports QoS 0 and 1, not " + qos);
    }
  }
}
