package io.edgegateway.config;

import io.edgegateway.route.ForwardRule;
import io.edgegateway.route.RuleException;

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

  /**
   * The rule compiled for routing.
   *
   * @param index     its position in {@code forward}, 0-based
   * @param gatewayId what {@code ${gatewayId}} stands for
   * @throws RuleException when it is not valid (never for a rule of a loaded configuration)
   */
  public ForwardRule compile(int index, String gatewayId) throws RuleException {
    return ForwardRule.compile(index, filter, topic, qos, basicIngestRule, gatewayId);
  }
}
