package io.edgegateway.config;

import io.edgegateway.route.DownlinkRule;
import io.edgegateway.route.DownlinkRuleTemplate;
import io.edgegateway.route.IotCoreLimits;
import io.edgegateway.route.RuleException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code downlink}: each rule's keys, compiled with {@link DownlinkRule#compile} so that errors
 * are reported at the key's line (with {@code upstream.identity: device}, {@link DownlinkRuleTemplate#compile},
 * whose filters may name the device); then checks that the distinct upstream filters (as written, in
 * that identity) fit in one connection's subscriptions on IoT Core.
 */
final class DownlinkRulesReader {

  private DownlinkRulesReader() {
  }

  /**
   * @param gatewayId the gateway id, or null when it was rejected (templates are then not compiled)
   * @param perDevice whether each device subscribes on its own connection ({@code upstream.identity: device})
   */
  static List<DownlinkRuleConfig> read(ConfigSection root, String gatewayId, boolean perDevice,
      ReadContext context) {
    List<DownlinkRuleConfig> rules = new ArrayList<>();
    Set<String> filters = new LinkedHashSet<>();
    List<ConfigSection> elements = root.list("downlink", 0);
    for (int i = 0; i < elements.size(); i++) {
      ConfigSection rule = elements.get(i);
      String filter = RuleKeys.required(rule, "filter", context);
      String topic = RuleKeys.required(rule, "topic", context);
      int qos = RuleKeys.qos(rule, context);
      DownlinkRuleConfig config = new DownlinkRuleConfig(filter, topic, qos, rule.origin().line());
      if (gatewayId != null && RuleKeys.readable(rule, "filter", "topic", "qos")) {
        try {
          filters.add(perDevice ? config.compileForDevices(i, gatewayId).filter().text()
              : config.compile(i, gatewayId).filter());
        } catch (RuleException e) {
          context.problem(rule.originOf(e.field()), rule.pathOf(e.field()), e.getMessage());
        }
      }
      rules.add(config);
    }
    if (filters.size() > IotCoreLimits.MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      context.problem(root.writtenAt("downlink"), "downlink", "subscribes to " + filters.size()
          + " distinct upstream filters, but IoT Core allows " + IotCoreLimits.MAX_SUBSCRIPTIONS_PER_CONNECTION
          + " subscriptions per connection; merge rules with wildcards");
    }
    return rules;
  }
}
