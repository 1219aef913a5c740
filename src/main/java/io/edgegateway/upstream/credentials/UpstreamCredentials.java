package io.edgegateway.upstream.credentials;

import java.time.Instant;

/**
 * What one CONNECT upstream carries: the Cognito username and the MQTT password (the Cognito password,
 * or a token). {@link #toString()} never shows the password.
 *
 * @param username  the Cognito username, without the authorizer query that the device SDK appends
 * @param password  the MQTT password bytes (UTF-8)
 * @param renewAt   when the link should reconnect with fresh credentials (a while before a token
 *                  expires), or null for never
 */
public record UpstreamCredentials(String username, byte[] password, Instant renewAt) {

  @Override
  public String toString() {
    return "UpstreamCredentials[" + username + ", password hidden, renew at " + renewAt + "]";
  }
}
