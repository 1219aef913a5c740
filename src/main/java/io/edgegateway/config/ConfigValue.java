package io.edgegateway.config;

/**
 * One scalar setting as written, before it is parsed into its type.
 *
 * @param text   the scalar's text (for an environment variable, its value)
 * @param path   the key's dotted path, such as {@code listeners[1].port}
 * @param origin where it was written
 * @param secret whether the text must never appear in messages
 */
record ConfigValue(String text, String path, Origin origin, boolean secret) {

  /** How the value may be shown in a message: quoted, or a placeholder when secret. */
  String shownQuoted() {
    return secret ? "(hidden)" : "\"" + text + "\"";
  }

  /** How the value may be shown in a message when it is well-formed: as written, unless secret. */
  String shownPlain() {
    return secret ? "(hidden)" : text;
  }

  @Override
  public String toString() {
    return path + "=" + shownQuoted();
  }
}
