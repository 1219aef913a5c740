package io.edgegateway.iotcore;

import java.util.Optional;

/**
 * A Basic Ingest topic, {@code $aws/rules/<rule>/<topic>}: it goes straight to the rule and reaches no
 * subscriber. {@code topic} is what remains after the prefix, what IoT Core's topic limits measure.
 */
public record BasicIngest(String ruleName, String topic) {
  private static final String PREFIX = "$aws/rules/";

  public static Optional<BasicIngest> parse(String topic) {
    if (!topic.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int slash = topic.indexOf('/', PREFIX.length());
    if (slash < 0) {
      return Optional.of(new BasicIngest(topic.substring(PREFIX.length()), ""));
    }
    return Optional.of(new BasicIngest(topic.substring(PREFIX.length(), slash), topic.substring(slash + 1)));
  }

  /** The part of a topic that IoT Core's length and depth limits apply to. */
  public static String measuredPart(String topic) {
    return parse(topic).map(BasicIngest::topic).orElse(topic);
  }
}
