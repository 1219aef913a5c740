package io.edgegateway.local.auth;

import java.util.List;
import java.util.Objects;

/**
 * The ACL of one connected client (client id and username fixed), resolved once from an
 * {@link AclFile} so that each check only matches precomputed topic filters. Decisions are those of
 * Mosquitto 2.0's {@code acl_file}:
 *
 * <ol>
 *   <li>the client's {@code topic} lines (its {@code user} block, or the lines before the first
 *       {@code user} line for an anonymous client): a matching {@code deny} line denies;
 *       otherwise a matching line granting the access allows;
 *   <li>then the {@code pattern} lines, which apply to every client, in the same way: a matching
 *       {@code deny} pattern denies, otherwise a matching pattern granting the access allows;
 *   <li>otherwise the access is denied.
 * </ol>
 *
 * <p>So a {@code deny} takes precedence within its group, but a {@code topic} grant is decided
 * before any {@code pattern} line is looked at. Patterns that use {@code %u} do not apply to
 * anonymous clients. If the client id or username contains {@code +}, {@code #} or {@code /}, no
 * pattern line applies to the client at all, so that such a name cannot reach into another
 * client's topics (Mosquitto 2.0 does this for {@code +} and {@code #}; for {@code /} this is
 * stricter than Mosquitto, which would substitute the name with its extra levels).
 * Immutable and thread-safe.
 */
public final class ClientAcl {
  private final List<AclRule> topicRules;
  private final List<AclRule> patternRules;

  /** Both lists must hold their deny rules first. */
  ClientAcl(List<AclRule> topicRules, List<AclRule> patternRules) {
    this.topicRules = List.copyOf(topicRules);
    this.patternRules = List.copyOf(patternRules);
  }

  /** Whether the client may publish to the topic name. */
  public boolean canPublish(String topic) {
    return check(topic, AclAccess.WRITE_BIT);
  }

  /**
   * Whether the client may receive a message published to the topic name: the read check that
   * Mosquitto makes for every message it delivers, retained messages included.
   */
  public boolean canReceive(String topic) {
    return check(topic, AclAccess.READ_BIT);
  }

  /**
   * Whether a SUBSCRIBE to the filter is granted. Mosquitto 2.0's ACL file does not restrict
   * subscriptions: every well-formed filter is granted (its SUBACK carries the granted QoS), and
   * read access is enforced per message by {@link #canReceive}. This method returns true
   * accordingly; callers must still call {@link #canReceive} before each delivery.
   */
  public boolean canSubscribe(String topicFilter) {
    Objects.requireNonNull(topicFilter, "topicFilter");
    return true;
  }

  private boolean check(String topic, int access) {
    Objects.requireNonNull(topic, "topic");
    Boolean decision = decide(topicRules, topic, access);
    if (decision == null) {
      decision = decide(patternRules, topic, access);
    }
    return decision != null && decision;
  }

  /**
   * False if a deny matches, true if a grant matches, null if no rule decides. The rules come
   * denies first, as Mosquitto orders them, so the first deciding match settles it.
   */
  private static Boolean decide(List<AclRule> rules, String topic, int access) {
    for (AclRule rule : rules) {
      if (rule.filter().matches(topic)) {
        if (rule.access().isDeny()) {
          return Boolean.FALSE;
        }
        if (rule.access().grants(access)) {
          return Boolean.TRUE;
        }
      }
    }
    return null;
  }
}
