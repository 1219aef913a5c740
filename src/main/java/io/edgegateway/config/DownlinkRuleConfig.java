package io.edgegateway.config;

/**
 * A downlink rule as written: the gateway subscribes upstream to {@code filter} (a template: it may
 * name the gateway id) and delivers what arrives to local subscribers of {@code topic} (a template).
 *
 * @param filter upstream topic filter template
 * @param topic  local topic template
 * @param qos    QoS of the upstream subscription and of the local delivery, 0 or 1
 * @param line   line of the rule in the configuration file, for messages (0 when unknown)
 */
public record DownlinkRuleConfig(String filter, String topic, int qos, int line) {
}
