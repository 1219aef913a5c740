package io.edgegateway.config;

import io.edgegateway.route.DownlinkRule;
import io.edgegateway.route.DownlinkRuleTemplate;
import io.edgegateway.route.RuleException;

/**
 * A downlink rule as written: the gateway subscribes upstream to {@code filter} (a template: it may
 * name the gateway id, and with {@code upstream.identity: device} the device's client id and username)
 * and delivers what arrives to local subscribers of {@code topic} (a template).
 *
 * @param filter upstream topic filter template
 * @param topic  local topic template
 * @param qos    QoS of the upstream subscription and of the local delivery, 0 or 1
 * @param line   line of the rule in the configuration file, for messages (0 when unknown)
 */
public record DownlinkRuleConfig(String filter, String topic, int qos, int line) {

  /**
   * The rule compiled for routing.
   *
   * @param index     its position in {@code downlink}, 0-based
   * @param gatewayId what {@code ${gatewayId}} stands for
   * @throws RuleException when it is not valid (never for a rule of a loaded configuration)
   */
  public DownlinkRule compile(int index, String gatewayId) throws RuleException {
    return DownlinkRule.compile(index, filter, topic, qos, gatewayId);
  }

  /**
   * The rule compiled for {@code upstream.identity: device}, where its filter may name the device.
   *
   * @throws RuleException when it is not valid (never for a rule of a loaded configuration in that identity)
   */
  public DownlinkRuleTemplate compileForDevices(int index, String gatewayId) throws RuleException {
    return DownlinkRuleTemplate.compile(index, filter, topic, qos, gatewayId);
  }
}
