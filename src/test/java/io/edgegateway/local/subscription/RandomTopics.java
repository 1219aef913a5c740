package io.edgegateway.local.subscription;

import java.util.Random;

/**
 * Random topic names and filters over a small alphabet of levels, so that random pairs often match.
 * Includes empty levels and {@code $}-topics, the corners of the matching rules.
 */
final class RandomTopics {

  private static final String[] LEVELS = {"a", "b", "c", "", "ab"};

  private final Random random;

  RandomTopics(Random random) {
    this.random = random;
  }

  /** A valid topic name. */
  String topic() {
    String topic;
    do {
      topic = anyTopic();
    } while (topic.isEmpty());
    if (!Topics.isValidTopicName(topic)) {
      throw new AssertionError("generated an invalid topic: " + topic);
    }
    return topic;
  }

  /** A valid plain topic filter. */
  String filter() {
    String filter;
    do {
      filter = anyFilter();
    } while (filter.isEmpty());
    if (!Topics.isValidTopicFilter(filter)) {
      throw new AssertionError("generated an invalid filter: " + filter);
    }
    return filter;
  }

  private String anyTopic() {
    int depth = 1 + random.nextInt(5);
    StringBuilder topic = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (i > 0) {
        topic.append('/');
      }
      topic.append(i == 0 && random.nextInt(8) == 0 ? "$s" : pick(LEVELS));
    }
    return topic.toString();
  }

  private String anyFilter() {
    int depth = 1 + random.nextInt(5);
    StringBuilder filter = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (i > 0) {
        filter.append('/');
      }
      if (i == depth - 1 && random.nextInt(5) == 0) {
        filter.append('#');
      } else if (random.nextInt(4) == 0) {
        filter.append('+');
      } else {
        filter.append(i == 0 && random.nextInt(8) == 0 ? "$s" : pick(LEVELS));
      }
    }
    return filter.toString();
  }

  /** A plain filter, or now and then a shared one in one of two groups. */
  String subscription() {
    String filter = filter();
    return random.nextInt(4) == 0 ? "$share/g" + random.nextInt(2) + "/" + filter : filter;
  }

  private String pick(String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** Matching written the obvious way, as an independent check of {@link Topics#matches}. */
  static boolean referenceMatches(String filter, String topic) {
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    if (topic.startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) {
      return false;
    }
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return true;
      }
      if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
        return false;
      }
    }
    return f.length == t.length;
  }
}
