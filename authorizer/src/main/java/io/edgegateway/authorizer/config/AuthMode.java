package io.edgegateway.authorizer.config;

import java.util.Locale;

/** How the MQTT password is checked. */
public enum AuthMode {
  /** The password is the user's Cognito password: InitiateAuth USER_PASSWORD_AUTH. */
  PASSWORD,
  /** The password is a Cognito ID or access token: verified locally against the pool's JWKS. */
  TOKEN;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
