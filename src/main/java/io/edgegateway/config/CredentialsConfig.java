package io.edgegateway.config;

import java.net.URI;
import java.time.Duration;

/**
 * The gateway's own Cognito identity upstream.
 *
 * @param mode     {@link Mode#PASSWORD}: the Cognito password is the MQTT password; {@link Mode#TOKEN}: the
 *                 gateway signs in to Cognito and sends the token as the MQTT password
 * @param username the Cognito username
 * @param password the Cognito password
 * @param cognito  the user pool's app client (token mode), or null in password mode
 */
public record CredentialsConfig(Mode mode, String username, Secret password, CognitoConfig cognito) {

  /** How the credentials reach the authorizer. */
  public enum Mode {
    PASSWORD, TOKEN;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A Cognito app client, for token mode.
   *
   * @param region        the user pool's AWS Region
   * @param clientId      the app client id
   * @param clientSecret  the app client secret, or null when the client has none
   * @param endpoint      Cognito's endpoint, or null for the Region's public one
   * @param tokenUse      which token the MQTT password carries: {@code id} or {@code access}
   * @param refreshBefore how long before a token expires the gateway refreshes it and reconnects
   */
  public record CognitoConfig(String region, String clientId, Secret clientSecret, URI endpoint,
      String tokenUse, Duration refreshBefore) {
  }
}
