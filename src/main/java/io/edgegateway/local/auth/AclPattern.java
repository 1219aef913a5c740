package io.edgegateway.local.auth;

/**
 * A {@code pattern} line: a topic filter in which {@code %c} stands for the client id and
 * {@code %u} for the username. Substitution is textual, like Mosquitto 2.0's: each {@code %c} or
 * {@code %u} anywhere in the text is replaced. Callers make sure the values contain no {@code /},
 * {@code +} or {@code #}, so a substituted filter has the same levels and wildcards as the pattern.
 */
record AclPattern(AclAccess access, String template, boolean usesClientId, boolean usesUsername) {

  static AclPattern of(AclAccess access, String template) {
    return new AclPattern(access, template, template.contains("%c"), template.contains("%u"));
  }

  /** The rule for one client; {@code username} is non-null if {@link #usesUsername()}. */
  AclRule resolve(String clientId, String username) {
    StringBuilder out = new StringBuilder(template.length() + 32);
    int last = template.length() - 1;
    for (int i = 0; i <= last; i++) {
      char c = template.charAt(i);
      if (c == '%' && i < last) {
        char next = template.charAt(i + 1);
        if (next == 'c') {
          out.append(clientId);
          i++;
          continue;
        }
        if (next == 'u' && username != null) {
          out.append(username);
          i++;
          continue;
        }
      }
      out.append(c);
    }
    return new AclRule(access, AclTopicFilter.of(out.toString()));
  }
}
