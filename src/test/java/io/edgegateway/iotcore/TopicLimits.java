package io.edgegateway.iotcore;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** IoT Core's topic size limits: UTF-8 bytes and slashes, measured after a Basic Ingest prefix. */
final class TopicLimits {
  private final Quotas quotas;

  TopicLimits(Quotas quotas) {
    this.quotas = quotas;
  }

  /** The counter for the limit a topic (or filter) breaks, if any. */
  Optional<Counter> violation(String topic) {
    String measured = BasicIngest.measuredPart(topic);
    if (quotas.maxTopicBytes() > 0 && measured.getBytes(StandardCharsets.UTF_8).length > quotas.maxTopicBytes()) {
      return Optional.of(Counter.TOPIC_TOO_LONG);
    }
    if (quotas.maxTopicSlashes() > 0 && measured.chars().filter(c -> c == '/').count() > quotas.maxTopicSlashes()) {
      return Optional.of(Counter.TOPIC_TOO_MANY_SLASHES);
    }
    return Optional.empty();
  }
}
