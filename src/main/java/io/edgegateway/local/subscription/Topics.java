package io.edgegateway.local.subscription;

/**
 * MQTT 3.1.1 / 5.0 rules for topic names (what a PUBLISH carries) and topic filters (what a SUBSCRIBE
 * carries), and the matching of one against the other.
 *
 * <p>All checks walk the characters once and allocate nothing.
 */
public final class Topics {

  /** Longest topic name or filter, in UTF-8 bytes (the MQTT string length prefix is two bytes). */
  public static final int MAX_UTF8_BYTES = 65_535;

  private Topics() {
  }

  /**
   * Whether {@code topic} may appear in a PUBLISH: non-empty, no wildcard characters, no U+0000,
   * well-formed UTF-16 (no lone surrogate) and at most {@link #MAX_UTF8_BYTES} bytes in UTF-8.
   * Topics starting with {@code $} are valid names; whether a device may publish to them is a matter
   * of authorization.
   */
  public static boolean isValidTopicName(String topic) {
    if (topic == null || topic.isEmpty() || !isWellFormedString(topic)) {
      return false;
    }
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      if (c == '+' || c == '#') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code filter} is a valid plain topic filter: non-empty, {@code +} only as a whole level,
   * {@code #} only as the whole last level, no U+0000, well-formed UTF-16, at most
   * {@link #MAX_UTF8_BYTES} bytes in UTF-8.
   *
   * <p>This is the syntax of a plain filter only: {@code $share/g/a} passes, as it would in MQTT 3.1.1.
   * Use {@link #isValidSubscription(String)} for a filter as written in an MQTT 5 SUBSCRIBE.
   */
  public static boolean isValidTopicFilter(String filter) {
    if (filter == null || filter.isEmpty() || !isWellFormedString(filter)) {
      return false;
    }
    int length = filter.length();
    int levelStart = 0;
    for (int i = 0; i < length; i++) {
      char c = filter.charAt(i);
      if (c == '/') {
        levelStart = i + 1;
      } else if (c == '+') {
        if (i != levelStart || (i + 1 < length && filter.charAt(i + 1) != '/')) {
          return false;
        }
      } else if (c == '#') {
        if (i != levelStart || i != length - 1) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether {@code filterAsWritten} is acceptable in an MQTT 5 SUBSCRIBE: either a valid plain filter
   * that does not start with {@code $share/}, or a well-formed shared subscription
   * (see {@link SharedFilter#parse(String)}).
   */
  public static boolean isValidSubscription(String filterAsWritten) {
    if (filterAsWritten == null) {
      return false;
    }
    if (SharedFilter.isShared(filterAsWritten)) {
      return SharedFilter.problem(filterAsWritten) == null;
    }
    return isValidTopicFilter(filterAsWritten);
  }

  /**
   * Whether the plain topic filter {@code filter} matches the topic name {@code topic}.
   *
   * <p>Applies the MQTT rule that a topic whose first character is {@code $} is not matched by a
   * filter whose first level is {@code +} or {@code #}. Both arguments must be valid (see
   * {@link #isValidTopicFilter} and {@link #isValidTopicName}); for invalid arguments the answer is
   * unspecified but no exception is thrown. Allocates nothing.
   */
  public static boolean matches(String filter, String topic) {
    int filterLength = filter.length();
    int topicLength = topic.length();
    if (filterLength == 0 || topicLength == 0) {
      return false;
    }
    char first = filter.charAt(0);
    if (topic.charAt(0) == '$' && (first == '+' || first == '#')) {
      return false;
    }
    int f = 0;
    int t = 0;
    while (true) {
      // f and t are at the start of a level.
      if (f < filterLength && filter.charAt(f) == '#') {
        return true;
      }
      if (f < filterLength && filter.charAt(f) == '+') {
        f++;
        while (t < topicLength && topic.charAt(t) != '/') {
          t++;
        }
      } else {
        while (f < filterLength && filter.charAt(f) != '/') {
          if (t >= topicLength || topic.charAt(t) != filter.charAt(f)) {
            return false;
          }
          f++;
          t++;
        }
        if (t < topicLength && topic.charAt(t) != '/') {
          return false;
        }
      }
      // f and t are each at a '/' or at the end.
      boolean filterDone = f == filterLength;
      boolean topicDone = t == topicLength;
      if (filterDone || topicDone) {
        if (filterDone && topicDone) {
          return true;
        }
        // "a/#" also matches "a": the parent level of a multi-level wildcard.
        return topicDone && f + 2 == filterLength && filter.charAt(f + 1) == '#';
      }
      f++;
      t++;
    }
  }

  /** Whether {@code topic} starts with {@code $}, which hides it from root-level wildcards (see {@link #matches}). */
  static boolean isDollarTopic(String topic) {
    return !topic.isEmpty() && topic.charAt(0) == '$';
  }

  /**
   * Whether {@code s} has no U+0000, no lone surrogate and fits in {@link #MAX_UTF8_BYTES} bytes of UTF-8.
   */
  static boolean isWellFormedString(String s) {
    int length = s.length();
    if (length > MAX_UTF8_BYTES) {
      return false;
    }
    int bytes = 0;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return false;
      }
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= length || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
        bytes += 4;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      } else {
        bytes += 3;
      }
    }
    return bytes <= MAX_UTF8_BYTES;
  }
}
