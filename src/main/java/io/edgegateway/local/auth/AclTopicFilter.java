package io.edgegateway.local.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * A topic filter of an ACL line, split into levels once, matched against topic names the way
 * Mosquitto's {@code mosquitto_topic_matches_sub} does: {@code +} is one level, {@code #} the rest
 * including the parent level ({@code a/#} matches {@code a}), and a filter matches a topic starting
 * with {@code $} only if it starts with {@code $} itself, and the other way round.
 */
final class AclTopicFilter {
  /** Mosquitto's TOPIC_HIERARCHY_LIMIT: at most this many '/' in a topic or filter. */
  static final int MAX_SEPARATORS = 200;
  static final int MAX_BYTES = 65535;

  private final String text;
  private final String[] levels;
  private final boolean dollar;

  private AclTopicFilter(String text, String[] levels) {
    this.text = text;
    this.levels = levels;
    this.dollar = text.startsWith("$");
  }

  /** A filter known to be valid (see {@link #problem}). */
  static AclTopicFilter of(String text) {
    return new AclTopicFilter(text, split(text).toArray(String[]::new));
  }

  /**
   * What makes {@code text} an invalid filter, by the rules of Mosquitto's
   * {@code mosquitto_sub_topic_check}, or null if it is valid.
   */
  static String problem(String text) {
    if (text.isEmpty()) {
      return "the topic is empty";
    }
    int separators = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean levelStart = i == 0 || text.charAt(i - 1) == '/';
      boolean levelEnd = i == text.length() - 1 || text.charAt(i + 1) == '/';
      if (c == '+' && !(levelStart && levelEnd)) {
        return "'+' must be a whole topic level";
      }
      if (c == '#' && !(levelStart && i == text.length() - 1)) {
        return "'#' must be the whole last topic level";
      }
      if (c == '/') {
        separators++;
      }
    }
    if (separators > MAX_SEPARATORS) {
      return "the topic has more than " + MAX_SEPARATORS + " '/' separators";
    }
    if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "the topic is longer than " + MAX_BYTES + " bytes";
    }
    return null;
  }

  /** Whether the topic name (no wildcards) matches this filter. */
  boolean matches(String topic) {
    if (topic.isEmpty() || dollar != (topic.charAt(0) == '$')) {
      return false;
    }
    int pos = 0; // start of the current topic level; -1 once the topic has no more levels
    for (String level : levels) {
      if (level.equals("#")) {
        return true;
      }
      if (pos < 0) {
        return false;
      }
      int slash = topic.indexOf('/', pos);
      int end = slash < 0 ? topic.length() : slash;
      if (!level.equals("+")
          && (level.length() != end - pos || !topic.regionMatches(pos, level, 0, level.length()))) {
        return false;
      }
      pos = slash < 0 ? -1 : slash + 1;
    }
    return pos < 0;
  }

  /** Levels of a topic or filter; empty levels are kept ({@code a//b} has three). */
  static List<String> split(String text) {
    List<String> levels = new ArrayList<>();
    int start = 0;
    while (true) {
      int slash = text.indexOf('/', start);
      if (slash < 0) {
        levels.add(text.substring(start));
        return levels;
      }
      levels.add(text.substring(start, slash));
      start = slash + 1;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
