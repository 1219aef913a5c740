package io.edgegateway.config;

import io.edgegateway.route.ForwardRule;
import io.edgegateway.route.IotCoreLimits;
import io.edgegateway.route.RuleException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code forward}: each rule's keys, then compiles it with {@link ForwardRule#compile} so that a
 * template or filter error is reported at the key's line.
 */
final class ForwardRulesReader {

  private ForwardRulesReader() {
  }

  /** @param gatewayId the gateway id, or null when it was rejected (templates are then not compiled) */
  static List<ForwardRuleConfig> read(ConfigSection root, String gatewayId, ReadContext context) {
    List<ForwardRuleConfig> rules = new ArrayList<>();
    List<ConfigSection> elements = root.list("forward", 0);
    for (int i = 0; i < elements.size(); i++) {
      ConfigSection rule = elements.get(i);
      SettingReader r = new SettingReader(rule, context);
      String filter = RuleKeys.required(rule, "filter", context);
      String topic = RuleKeys.required(rule, "topic", context);
      int qos = RuleKeys.qos(rule, context);
      String basicIngestRule = r.parsed("basicIngestRule", null, ForwardRulesReader::ruleName);
      ForwardRuleConfig config = new ForwardRuleConfig(filter, topic, qos, basicIngestRule, rule.origin().line());
      if (gatewayId != null && RuleKeys.readable(rule, "filter", "topic", "qos", "basicIngestRule")) {
        try {
          config.compile(i, gatewayId);
        } catch (RuleException e) {
          context.problem(rule.originOf(e.field()), rule.pathOf(e.field()), e.getMessage());
        }
      }
      rules.add(config);
    }
    return rules;
  }

  private static String ruleName(String text) throws InvalidValueException {
    if (!IotCoreLimits.isRuleName(text)) {
      throw InvalidValueException.malformed("must be an IoT rule name: 1 to 128 letters, digits or '_'");
    }
    return text;
  }
}
