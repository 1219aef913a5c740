package io.edgegateway.config;

import java.util.Set;

/**
 * Names of the environment variables that override configuration keys: {@code EDGE_GATEWAY_} followed
 * by the key path, each camelCase key in UPPER_SNAKE, list indices as numbers, joined by {@code _}.
 * For example {@code listeners[0].tls.certFile} is {@code EDGE_GATEWAY_LISTENERS_0_TLS_CERT_FILE}.
 */
final class EnvironmentNames {

  /** Prefix of every variable the gateway reads. */
  static final String PREFIX = "EDGE_GATEWAY_";

  /** The root of the key path; a top-level key's variable is {@code ROOT + "_" + KEY}. */
  static final String ROOT = "EDGE_GATEWAY";

  /** Variables with the prefix that are not configuration keys: the launcher's own. */
  static final Set<String> RESERVED = Set.of("EDGE_GATEWAY_CONFIG", "EDGE_GATEWAY_OPTS");

  private EnvironmentNames() {
  }

  /** {@code maxClientIdLength} becomes {@code MAX_CLIENT_ID_LENGTH}. */
  static String upperSnake(String camelCase) {
    StringBuilder out = new StringBuilder(camelCase.length() + 8);
    for (int i = 0; i < camelCase.length(); i++) {
      char c = camelCase.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(camelCase.charAt(i - 1))) {
        out.append('_');
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString();
  }

  /** The variable of {@code key} inside the section whose variable prefix is {@code sectionName}. */
  static String child(String sectionName, String key) {
    return sectionName + "_" + upperSnake(key);
  }

  /** The variable prefix of list element {@code index} of the list named {@code listName}. */
  static String element(String listName, int index) {
    return listName + "_" + index;
  }
}
