package io.edgegateway.iotcore;

/** MQTT topic names and filters: validity and matching ({@code +} one level, {@code #} the rest). */
final class Topics {
  private Topics() {
  }

  static boolean validName(String topic) {
    return !topic.isEmpty() && topic.indexOf('+') < 0 && topic.indexOf('#') < 0 && topic.indexOf('\u0000') < 0;
  }

  static boolean validFilter(String filter) {
    if (filter.isEmpty() || filter.indexOf('\u0000') >= 0) {
      return false;
    }
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
        return false;
      }
      if (level.contains("+") && !level.equals("+")) {
        return false;
      }
    }
    return true;
  }

  /** Whether a valid filter matches a topic name; wildcards at the first level do not match {@code $} topics. */
  static boolean matches(String filter, String topic) {
    if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
      return false;
    }
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return true;
      }
      if (i >= t.length) {
        return false;
      }
      if (!f[i].equals("+") && !f[i].equals(t[i])) {
        return false;
      }
    }
    return f.length == t.length;
  }
}
