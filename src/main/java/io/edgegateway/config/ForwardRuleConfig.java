package io.edgegateway.config;

/**
 * A forward rule as written: messages whose local topic matches {@code filter} go upstream to the topic
 * {@code topic} (a template), with {@code qos}.
 *
 * @param filter         local MQTT topic filter
 * @param topic          upstream topic template
 * @param qos            upstream QoS, 0 or 1
 * @param basicIngestRule IoT rule name for Basic Ingest ({@code $aws/rules/<rule>/<topic>}), or null
 * @param line           line of the rule in the configuration file, for messages (0 when unknown)
 */
public record ForwardRuleConfig(String filter, String topic, int qos, String basicIngestRule, int line) {
}
