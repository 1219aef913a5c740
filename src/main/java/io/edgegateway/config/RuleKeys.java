package io.edgegateway.config;

/** The keys forward and downlink rules share: required text and a QoS IoT Core supports. */
final class RuleKeys {

  private RuleKeys() {
  }

  /** The text of a required key, or null when absent (reported). */
  static String required(ConfigSection rule, String key, ReadContext context) {
    String text = new SettingReader(rule, context).text(key);
    if (text == null && !rule.failed(key) && !rule.rejected()) {
      rule.fail(key);
      context.problem(rule.origin(), rule.pathOf(key), "is required");
    }
    return text;
  }

  /** {@code qos}: 0 or 1, default 1. */
  static int qos(ConfigSection rule, ReadContext context) {
    return new SettingReader(rule, context).parsed("qos", 1, text -> {
      long qos = Scalars.integer(text, Long.MIN_VALUE, Long.MAX_VALUE);
      if (qos != 0 && qos != 1) {
        throw InvalidValueException.outOfRange("must be 0 or 1 (IoT Core has no QoS 2)");
      }
      return (int) qos;
    });
  }

  /** Whether every key of the rule read well, so compiling it can report something new. */
  static boolean readable(ConfigSection rule, String... keys) {
    if (rule.rejected()) {
      return false;
    }
    for (String key : keys) {
      if (rule.failed(key)) {
        return false;
      }
    }
    return true;
  }
}
