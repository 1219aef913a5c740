package io.edgegateway.upstream.credentials;

import java.time.Instant;

/**
 * Tokens from one Cognito sign-in or refresh. {@link #toString()} hides them.
 *
 * @param token        the ID or access token, as the MQTT password
 * @param refreshToken the refresh token, or null (a refresh answer may omit it: the old one stays valid)
 * @param expiresAt    when {@code token} expires
 */
record CognitoTokens(String token, String refreshToken, Instant expiresAt) {

  @Override
  public String toString() {
    return "CognitoTokens[hidden, expires " + expiresAt + "]";
  }
}
