package io.edgegateway.local.auth;

import io.edgegateway.config.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the lines of a Mosquitto ACL file with the rules of Mosquitto 2.0's {@code aclfile__parse}:
 *
 * <ul>
 *   <li>trailing whitespace is dropped; an empty line is skipped; a line whose first character is
 *       {@code #} is a comment (an indented {@code #} is an error, as in Mosquitto);
 *   <li>words are separated by spaces (not tabs); the keywords are {@code topic}, {@code pattern}
 *       and {@code user}, anything else is an error;
 *   <li>{@code topic|pattern [read|write|readwrite|deny] <topic>}: with a single word after the
 *       keyword, that word is the topic and the access is readwrite; otherwise the first word is
 *       the access and the rest of the line, trimmed, is the topic (which may contain spaces); the
 *       topic must be a valid topic filter;
 *   <li>{@code user <name>}: the rest of the line, trimmed, is the username for the following
 *       {@code topic} lines; {@code topic} lines before any {@code user} line are for anonymous
 *       clients; {@code pattern} lines are for everyone wherever they stand.
 * </ul>
 */
final class AclFileParser {
  private static final Logger LOG = LoggerFactory.getLogger(AclFileParser.class);

  private final String source;
  private final RuleList anonymous = new RuleList();
  private final Map<String, RuleList> users = new HashMap<>();
  private final List<AclPattern> patternDenies = new ArrayList<>();
  private final List<AclPattern> patternGrants = new ArrayList<>();
  private RuleList current = anonymous;

  private AclFileParser(String source) {
    this.source = source;
  }

  static AclFile parse(List<String> lines, String source) {
    AclFileParser parser = new AclFileParser(source);
    for (int i = 0; i < lines.size(); i++) {
      parser.line(lines.get(i), i + 1);
    }
    return parser.build();
  }

  private void line(String raw, int number) {
    String line = stripTrailingSpace(raw);
    if (line.isEmpty() || line.charAt(0) == '#') {
      return;
    }
    Words words = new Words(line);
    String keyword = words.next();
    if (keyword == null) {
      return;
    }
    switch (keyword) {
      case "topic", "pattern" -> accessLine(keyword, words, number);
      case "user" -> {
        String name = words.rest();
        if (name == null) {
          throw error(number, "\"user\" needs a username");
        }
        current = users.computeIfAbsent(name, n -> new RuleList());
      }
      default -> throw error(number, unknownKeyword(keyword));
    }
  }

  private void accessLine(String keyword, Words words, int number) {
    String first = words.next();
    if (first == null) {
      throw error(number, "\"" + keyword + "\" needs a topic");
    }
    String rest = words.rest();
    AclAccess access = AclAccess.READWRITE;
    String topic = first;
    if (rest != null) {
      access = AclAccess.fromWord(first);
      if (access == null) {
        throw error(number, "invalid access \"" + first
            + "\" (expected read, write, readwrite or deny before the topic)");
      }
      topic = rest;
    }
    String problem = AclTopicFilter.problem(topic);
    if (problem != null) {
      throw error(number, "invalid topic \"" + topic + "\": " + problem);
    }
    if (keyword.equals("topic")) {
      current.add(new AclRule(access, AclTopicFilter.of(topic)));
      return;
    }
    AclPattern pattern = AclPattern.of(access, topic);
    if (!pattern.usesClientId() && !pattern.usesUsername()) {
      LOG.warn("{}:{}: pattern \"{}\" contains neither %c nor %u; it applies to every client",
          source, number, topic);
    }
    (access.isDeny() ? patternDenies : patternGrants).add(pattern);
  }

  private AclFile build() {
    Map<String, List<AclRule>> userRules = new HashMap<>();
    users.forEach((name, rules) -> userRules.put(name, rules.toList()));
    List<AclPattern> patterns = new ArrayList<>(patternDenies);
    patterns.addAll(patternGrants);
    return new AclFile(source, anonymous.toList(), userRules, patterns);
  }

  private ConfigException error(int line, String message) {
    return new ConfigException(source + ":" + line + ": " + message);
  }

  private static String unknownKeyword(String keyword) {
    if (keyword.startsWith("#")) {
      return "a comment must start with '#' in the first column";
    }
    String hint = keyword.indexOf('\t') >= 0 ? " (separate words with spaces, not tabs)" : "";
    return "unknown keyword \"" + keyword.strip() + "\" (expected topic, pattern or user)" + hint;
  }

  /** Drops trailing ASCII whitespace, as C's isspace() sees it. */
  private static String stripTrailingSpace(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  private static String strip(String s) {
    int start = 0;
    while (start < s.length() && isSpace(s.charAt(start))) {
      start++;
    }
    return stripTrailingSpace(s.substring(start));
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  /** The rules of one user block, deny rules first. */
  private static final class RuleList {
    private final List<AclRule> denies = new ArrayList<>();
    private final List<AclRule> grants = new ArrayList<>();

    void add(AclRule rule) {
      (rule.access().isDeny() ? denies : grants).add(rule);
    }

    List<AclRule> toList() {
      List<AclRule> all = new ArrayList<>(denies);
      all.addAll(grants);
      return List.copyOf(all);
    }
  }

  /** Space-separated words, the way strtok_r(..., " ") splits them. */
  private static final class Words {
    private final String line;
    private int pos;

    Words(String line) {
      this.line = line;
    }

    /** The next word, skipping spaces before it, or null at the end of the line. */
    String next() {
      while (pos < line.length() && line.charAt(pos) == ' ') {
        pos++;
      }
      if (pos == line.length()) {
        return null;
      }
      int end = line.indexOf(' ', pos);
      if (end < 0) {
        end = line.length();
      }
      String word = line.substring(pos, end);
      pos = Math.min(end + 1, line.length());
      return word;
    }

    /** The rest of the line after the last word's separator, trimmed; null if nothing is left. */
    String rest() {
      if (pos >= line.length()) {
        return null;
      }
      String rest = strip(line.substring(pos));
      pos = line.length();
      return rest.isEmpty() ? null : rest;
    }
  }
}
