package io.edgegateway.route;

/**
 * A subscription the gateway keeps on IoT Core for its downlink rules.
 *
 * @param filter the topic filter
 * @param qos    0 or 1: the highest QoS of the rules with this filter
 */
public record UpstreamSubscription(String filter, int qos) {
}
