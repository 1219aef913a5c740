package io.edgegateway.authorizer.identity;

/**
 * The characters an identity value may have before it is put into a policy resource: ASCII letters,
 * digits, {@code -}, {@code _}, {@code .} and {@code @}, 1 to 128 of them. Everything else is refused,
 * in particular the policy wildcards {@code *} and {@code ?}, the topic characters {@code /}, {@code +}
 * and {@code #}, and {@code $} (policy variables, reserved topics).
 */
public final class SafeName {
  public static final int MAX_LENGTH = 128;
  public static final String DESCRIPTION = "1 to 128 characters from A-Z a-z 0-9 - _ . @";

  private SafeName() {
  }

  public static boolean isSafe(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (!isSafeChar(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isSafeChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.' || c == '@';
  }
}
