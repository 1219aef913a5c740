package io.edgegateway.local.subscription;

import java.util.Objects;
import java.util.Optional;

/**
 * An MQTT 5 shared subscription, written {@code $share/<group>/<filter>}: each matching message goes to
 * one member of the group rather than to every subscriber.
 *
 * @param group  the ShareName: non-empty, without {@code /}, {@code +}, {@code #} or U+0000
 * @param filter the plain topic filter the group subscribes to; valid per {@link Topics#isValidTopicFilter}
 */
public record SharedFilter(String group, String filter) {

  /** The prefix that marks a filter as written in SUBSCRIBE as a shared subscription. */
  public static final String PREFIX = "$share/";

  /**
   * @throws IllegalArgumentException when the group or the filter breaks the rules above, or the
   *                                  filter as written would exceed {@link Topics#MAX_UTF8_BYTES}
   */
  public SharedFilter {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(filter, "filter");
    String problem = group.indexOf('/') >= 0
        ? "shared subscription group '" + group + "' contains '/'"
        : problem(PREFIX + group + '/' + filter);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Whether {@code filterAsWritten} starts with {@code $share/}, i.e. claims to be a shared subscription. */
  public static boolean isShared(String filterAsWritten) {
    return filterAsWritten.startsWith(PREFIX);
  }

  /**
   * Reads a filter as written in SUBSCRIBE.
   *
   * @return the shared subscription, or empty when {@code filterAsWritten} does not start with
   *         {@code $share/} (a plain filter, not checked here)
   * @throws IllegalArgumentException when it starts with {@code $share/} but is malformed; the message
   *                                  says what is wrong
   */
  public static Optional<SharedFilter> parse(String filterAsWritten) {
    if (!isShared(filterAsWritten)) {
      return Optional.empty();
    }
    String problem = problem(filterAsWritten);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    int slash = filterAsWritten.indexOf('/', PREFIX.length());
    return Optional.of(new SharedFilter(filterAsWritten.substring(PREFIX.length(), slash),
        filterAsWritten.substring(slash + 1)));
  }

  /** The filter as a client writes it in SUBSCRIBE: {@code $share/<group>/<filter>}. */
  public String asWritten() {
    return PREFIX + group + '/' + filter;
  }

  /** What is wrong with a filter as written that starts with {@code $share/}, or null when nothing is. */
  static String problem(String filterAsWritten) {
    if (!Topics.isWellFormedString(filterAsWritten)) {
      return "shared subscription contains U+0000, a lone surrogate or is longer than "
          + Topics.MAX_UTF8_BYTES + " UTF-8 bytes";
    }
    int slash = filterAsWritten.indexOf('/', PREFIX.length());
    if (slash < 0) {
      return "shared subscription '" + filterAsWritten + "' has no topic filter after the share name";
    }
    if (slash == PREFIX.length()) {
      return "shared subscription '" + filterAsWritten + "' has an empty share name";
    }
    for (int i = PREFIX.length(); i < slash; i++) {
      char c = filterAsWritten.charAt(i);
      if (c == '+' || c == '#') {
        return "shared subscription '" + filterAsWritten + "' has a wildcard in its share name";
      }
    }
    String filter = filterAsWritten.substring(slash + 1);
    if (!Topics.isValidTopicFilter(filter)) {
      return "shared subscription '" + filterAsWritten + "' has an invalid topic filter '" + filter + "'";
    }
    return null;
  }
}
