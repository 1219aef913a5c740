package io.edgegateway.route;

/**
 * What can be known about a forward rule's upstream topics before any message: a template whose fixed
 * text alone breaks IoT Core's topic limits, or that would publish to a reserved '$' topic, is a
 * configuration error. The rest (how long the device's topic or client id is) is checked per message.
 */
final class ForwardTemplateChecks {

  private ForwardTemplateChecks() {
  }

  static void check(TopicTemplate template, String basicIngestRule) throws RuleException {
    String leading = template.leadingText();
    int prefixBytes = 0;
    int prefixSlashes = 0;
    if (leading.startsWith("$")) {
      if (basicIngestRule != null) {
        throw new RuleException("topic", "starts with '$', but basicIngestRule already publishes under "
            + IotCoreLimits.BASIC_INGEST_PREFIX + basicIngestRule + "/; write the topic that follows the prefix");
      }
      int start = IotCoreLimits.countedStart(leading);
      if (start <= 0) {
        throw new RuleException("topic", "starts with '$', which IoT Core reserves; the gateway publishes only to "
            + "Basic Ingest topics among those: set basicIngestRule, or write "
            + IotCoreLimits.BASIC_INGEST_PREFIX + "<rule>/<topic>");
      }
      prefixBytes = start;
      prefixSlashes = 3;
    }
    int bytes = template.minimumUtf8Bytes() - prefixBytes;
    if (bytes > IotCoreLimits.MAX_TOPIC_BYTES) {
      throw new RuleException("topic", "its fixed text alone is " + bytes + " bytes long in UTF-8, more than the "
          + IotCoreLimits.MAX_TOPIC_BYTES + " IoT Core allows in a topic");
    }
    int slashes = template.minimumSlashes() - prefixSlashes;
    if (slashes > IotCoreLimits.MAX_TOPIC_SLASHES) {
      throw new RuleException("topic", "always has at least " + slashes + " slashes, more than the "
          + IotCoreLimits.MAX_TOPIC_SLASHES + " IoT Core allows in a topic"
          + (prefixSlashes > 0 || basicIngestRule != null ? " after the Basic Ingest prefix" : ""));
    }
  }
}
