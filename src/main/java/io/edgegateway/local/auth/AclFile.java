package io.edgegateway.local.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Mosquitto ACL file ({@code acl_file} in {@code mosquitto.conf}), with the syntax and the
 * decisions of Mosquitto 2.0; see {@link AclFileParser} for the syntax and {@link ClientAcl} for
 * how access is decided.
 *
 * <pre>
 * # anonymous clients
 * topic read public/#
 * user alice
 * topic readwrite alice/#
 * topic deny alice/secret/#
 * pattern write devices/%c/#
 * </pre>
 *
 * <p>An ACL file with no rules denies everything. A client that connects with a username is
 * never anonymous: the lines before the first {@code user} line do not apply to it. Clients should
 * resolve their rules once with {@link #forClient} and keep the {@link ClientAcl}; the
 * three-argument methods here resolve them on every call. Immutable and thread-safe.
 */
public final class AclFile {
  private final String source;
  private final List<AclRule> anonymousRules;
  private final Map<String, List<AclRule>> userRules;
  private final List<AclPattern> patterns;

  AclFile(String source, List<AclRule> anonymousRules, Map<String, List<AclRule>> userRules,
      List<AclPattern> patterns) {
    this.source = source;
    this.anonymousRules = List.copyOf(anonymousRules);
    this.userRules = Map.copyOf(userRules);
    this.patterns = List.copyOf(patterns);
  }

  /**
   * Reads an ACL file (UTF-8).
   *
   * @throws io.edgegateway.config.ConfigException for a malformed line, naming the file, the line
   *     number and the problem
   */
  public static AclFile load(Path file) throws IOException {
    return parse(TextFiles.readLines(file), file.toString());
  }

  /**
   * Parses the lines of an ACL file.
   *
   * @param sourceName the file name used in error messages
   * @throws io.edgegateway.config.ConfigException for a malformed line
   */
  public static AclFile parse(List<String> lines, String sourceName) {
    return AclFileParser.parse(lines, sourceName);
  }

  /**
   * The rules that apply to one client.
   *
   * @param clientId the client identifier (never null)
   * @param username the username, or null for an anonymous client
   */
  public ClientAcl forClient(String clientId, String username) {
    Objects.requireNonNull(clientId, "clientId");
    List<AclRule> topics = username == null
        ? anonymousRules
        : userRules.getOrDefault(username, List.of());
    if (patterns.isEmpty() || !safeForPatterns(clientId)
        || (username != null && !safeForPatterns(username))) {
      return new ClientAcl(topics, List.of());
    }
    List<AclRule> resolved = new ArrayList<>(patterns.size());
    for (AclPattern pattern : patterns) {
      if (pattern.usesUsername() && username == null) {
        continue;
      }
      resolved.add(pattern.resolve(clientId, username));
    }
    return new ClientAcl(topics, resolved);
  }

  /** Whether the client may publish to the topic name; see {@link ClientAcl#canPublish}. */
  public boolean canPublish(String clientId, String username, String topic) {
    return forClient(clientId, username).canPublish(topic);
  }

  /** Whether a SUBSCRIBE to the filter is granted; see {@link ClientAcl#canSubscribe}. */
  public boolean canSubscribe(String clientId, String username, String topicFilter) {
    return forClient(clientId, username).canSubscribe(topicFilter);
  }

  /** Whether the client may receive a message on the topic; see {@link ClientAcl#canReceive}. */
  public boolean canReceive(String clientId, String username, String topic) {
    return forClient(clientId, username).canReceive(topic);
  }

  /** The file name given when loading, for messages. */
  public String source() {
    return source;
  }

  /** A client id or username with '+', '#' or '/' could widen a substituted pattern. */
  private static boolean safeForPatterns(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '+' || c == '#' || c == '/') {
        return false;
      }
    }
    return true;
  }
}
