package io.edgegateway.route;

/**
 * What one rendering of a template reads: the topic, and the device's client id and username. Finds the
 * topic's level boundaries once, and only when a part asks for them.
 */
final class TemplateInput {

  private final String topic;
  private final String clientId;
  private final String username;
  /** Index of each '/' in the topic, with -1 before the first level and the length after the last. */
  private int[] bounds;

  TemplateInput(String topic, String clientId, String username) {
    this.topic = topic;
    this.clientId = clientId;
    this.username = username;
  }

  String topic() {
    return topic;
  }

  String clientId() {
    return clientId;
  }

  String username() {
    return username;
  }

  int levelCount() {
    return bounds().length - 1;
  }

  /** Index of the first character of level {@code level}. */
  int levelStart(int level) {
    return bounds()[level] + 1;
  }

  /** Index just past the last character of level {@code level}. */
  int levelEnd(int level) {
    return bounds()[level + 1];
  }

  private int[] bounds() {
    if (bounds == null) {
      int slashes = IotCoreLimits.slashes(topic, 0);
      int[] b = new int[slashes + 2];
      b[0] = -1;
      int n = 1;
      for (int i = 0; i < topic.length(); i++) {
        if (topic.charAt(i) == '/') {
          b[n++] = i;
        }
      }
      b[n] = topic.length();
      bounds = b;
    }
    return bounds;
  }
}
