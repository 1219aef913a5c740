package io.edgegateway.route;

/**
 * Where a message from IoT Core goes locally.
 *
 * @param topic     the local topic to publish it on
 * @param qos       the downlink rule's QoS, 0 or 1
 * @param ruleIndex the downlink rule that matched (0-based), for metrics
 */
public record LocalDelivery(String topic, int qos, int ruleIndex) {
}
