package io.edgegateway.upstream;

/**
 * An upstream subscription the link keeps on its first connection.
 *
 * @param filter the topic filter
 * @param qos    0 or 1
 */
public record Subscription(String filter, int qos) {
}
