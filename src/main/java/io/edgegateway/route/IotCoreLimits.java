package io.edgegateway.route;

import io.edgegateway.local.subscription.SharedFilter;
import io.edgegateway.local.subscription.Topics;

/**
 * AWS IoT Core's limits on what one connection may send and subscribe to, and the checks that keep the
 * gateway inside them. Configuration validation uses them on the fixed parts of rules, the router on
 * every message it forwards: a message that would break a limit is refused at the gateway, where the
 * device can be told, instead of being dropped by IoT Core.
 *
 * <p>Each check returns null when the value is fine, or a sentence fragment saying what is wrong
 * ("is 300 bytes long in UTF-8; ..."), to follow the value's name in a message.
 */
public final class IotCoreLimits {

  /** Longest topic (name or filter), UTF-8 bytes, not counting a Basic Ingest prefix. */
  public static final int MAX_TOPIC_BYTES = 256;
  /** Most forward slashes in a topic, not counting a Basic Ingest prefix's three. */
  public static final int MAX_TOPIC_SLASHES = 7;
  /** Largest payload: 128 KB. */
  public static final int MAX_PAYLOAD_BYTES = 128 * 1024;
  /** Longest client id, UTF-8 bytes. */
  public static final int MAX_CLIENT_ID_BYTES = 128;
  /** Subscriptions one connection may hold. */
  public static final int MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
  /** Topic filters in one SUBSCRIBE packet. */
  public static final int MAX_FILTERS_PER_SUBSCRIBE = 8;
  /** Topics that invoke an IoT rule directly (Basic Ingest) start with this, then the rule name and '/'. */
  public static final String BASIC_INGEST_PREFIX = "$aws/rules/";
  /** Longest IoT rule name. */
  public static final int MAX_RULE_NAME_LENGTH = 128;

  private IotCoreLimits() {
  }

  /** Whether {@code name} is an IoT rule name: 1 to 128 of {@code a-z A-Z 0-9 _}. */
  public static boolean isRuleName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_RULE_NAME_LENGTH) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@code $aws/rules/<rule>/<topic>}. */
  public static String basicIngestTopic(String rule, String topic) {
    return BASIC_INGEST_PREFIX + rule + '/' + topic;
  }

  /**
   * Where the part of {@code topic} that IoT Core's limits count starts: after {@code $aws/rules/<rule>/}
   * when the topic has that prefix with a valid rule name, otherwise 0. Returns -1 for a topic that
   * starts with {@code $aws/rules/} without a valid rule name and '/'.
   */
  static int countedStart(String topic) {
    if (!topic.startsWith(BASIC_INGEST_PREFIX)) {
      return 0;
    }
    int slash = topic.indexOf('/', BASIC_INGEST_PREFIX.length());
    if (slash < 0 || !isRuleName(topic.substring(BASIC_INGEST_PREFIX.length(), slash))) {
      return -1;
    }
    return slash + 1;
  }

  /**
   * What is wrong with {@code topic} as the topic of a PUBLISH to IoT Core, or null: it must be a valid
   * MQTT topic name; it may start with '$' only as a Basic Ingest topic ({@code $aws/rules/<rule>/...});
   * after that prefix, at most {@value #MAX_TOPIC_BYTES} UTF-8 bytes and {@value #MAX_TOPIC_SLASHES} slashes.
   */
  public static String topicProblem(String topic) {
    if (!Topics.isValidTopicName(topic)) {
      return "is not a valid MQTT topic name (it is empty, or has '+', '#' or U+0000)";
    }
    int start = countedStart(topic);
    if (start < 0) {
      return "starts with " + BASIC_INGEST_PREFIX + " but not with " + BASIC_INGEST_PREFIX
          + "<rule>/ and a valid rule name (1 to 128 letters, digits or '_')";
    }
    if (start == 0 && topic.charAt(0) == '$') {
      return "starts with '$', which IoT Core reserves; of those topics the gateway publishes only to "
          + "Basic Ingest ones (" + BASIC_INGEST_PREFIX + "<rule>/...)";
    }
    if (start == topic.length()) {
      return "has nothing after " + topic + "; a Basic Ingest topic needs a topic after the rule name";
    }
    return sizeProblem(topic, start);
  }

  /**
   * What is wrong with {@code filter} as a subscription on IoT Core, or null: a valid MQTT topic filter,
   * not a shared subscription, not a Basic Ingest topic (nobody can subscribe to those), at most
   * {@value #MAX_TOPIC_BYTES} UTF-8 bytes and {@value #MAX_TOPIC_SLASHES} slashes.
   */
  public static String filterProblem(String filter) {
    if (!Topics.isValidTopicFilter(filter)) {
      return "is not a valid MQTT topic filter ('+' and '#' must stand alone in a level, '#' only last; "
          + "no U+0000, not empty)";
    }
    if (SharedFilter.isShared(filter)) {
      return "is a shared subscription; the gateway subscribes with plain filters";
    }
    if (filter.startsWith(BASIC_INGEST_PREFIX)) {
      return "is a Basic Ingest topic; IoT Core lets nobody subscribe to " + BASIC_INGEST_PREFIX + "...";
    }
    return sizeProblem(filter, 0);
  }

  /**
   * What is wrong with {@code username} as the Cognito username the device SDK sends through the custom
   * authorizer, or null: 1 to 128 characters, no space or control character, no '?'.
   */
  public static String usernameProblem(String username) {
    if (username.length() > 128 || username.isEmpty()) {
      return "must be 1 to 128 characters";
    }
    for (int i = 0; i < username.length(); i++) {
      char c = username.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return "must not contain spaces or control characters";
      }
      if (c == '?') {
        return "must not contain '?': the MQTT username carries the authorizer's parameters after a '?', and the "
            + "device SDK refuses a username holding one";
      }
    }
    return null;
  }

  /**
   * What is wrong with {@code clientId} as an IoT Core client id, or null: 1 to {@value #MAX_CLIENT_ID_BYTES}
   * UTF-8 bytes, no U+0000 or lone surrogate, and no leading '$' (reserved).
   */
  public static String clientIdProblem(String clientId) {
    if (clientId.isEmpty()) {
      return "must not be empty";
    }
    if (clientId.indexOf('\0') >= 0 || !wellFormed(clientId)) {
      return "must not contain U+0000 or a lone surrogate";
    }
    if (clientId.charAt(0) == '$') {
      return "must not start with '$', which IoT Core reserves";
    }
    int bytes = utf8Length(clientId, 0);
    if (bytes > MAX_CLIENT_ID_BYTES) {
      return "is " + bytes + " bytes long in UTF-8; IoT Core allows " + MAX_CLIENT_ID_BYTES;
    }
    return null;
  }

  /** What is wrong with a payload of {@code bytes} bytes, or null. */
  public static String payloadProblem(int bytes) {
    return bytes > MAX_PAYLOAD_BYTES
        ? "is " + bytes + " bytes; IoT Core accepts at most " + MAX_PAYLOAD_BYTES + " (128 KB)"
        : null;
  }

  /** UTF-8 length of {@code s} from index {@code from}; a lone surrogate counts 3 bytes, as '?' would 1. */
  public static int utf8Length(CharSequence s, int from) {
    int bytes = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** Number of '/' in {@code s} from index {@code from}. */
  static int slashes(CharSequence s, int from) {
    int count = 0;
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) == '/') {
        count++;
      }
    }
    return count;
  }

  private static String sizeProblem(String topic, int start) {
    String counted = start == 0 ? "" : " after " + topic.substring(0, start);
    int bytes = utf8Length(topic, start);
    if (bytes > MAX_TOPIC_BYTES) {
      return "is " + bytes + " bytes long in UTF-8" + counted + "; IoT Core allows " + MAX_TOPIC_BYTES;
    }
    int slashes = slashes(topic, start);
    if (slashes > MAX_TOPIC_SLASHES) {
      return "has " + slashes + " slashes" + counted + "; IoT Core allows " + MAX_TOPIC_SLASHES;
    }
    return null;
  }

  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
