package io.edgegateway.authorizer.token;

import java.util.regex.Pattern;

/**
 * Whether a password looks like a JWS in compact form: three base64url parts separated by dots, the
 * first a JSON object ({@code eyJ} is the base64url of <code>{"</code>). With both modes enabled, such a
 * password is checked as a token, and only as a token.
 */
public final class JwtShape {
  private static final Pattern COMPACT_JWS = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  private JwtShape() {
  }

  public static boolean looksLikeJwt(String value) {
    return value != null && COMPACT_JWS.matcher(value).matches();
  }
}
