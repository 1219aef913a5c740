package io.edgegateway.authorizer;

import java.util.Locale;

/**
 * Why a connection was denied. The {@link #code()} is what the decision log line carries in its
 * {@code reason} field; the README lists every code.
 */
public enum DenialReason {
  /** A Lambda environment variable is missing or malformed. */
  CONFIG_INVALID,
  /** The event is larger than an authorizer event can be. */
  EVENT_TOO_LARGE,
  /** The event is not JSON, or a field has the wrong type. */
  EVENT_MALFORMED,
  /** The event has no {@code protocolData.mqtt} (an HTTP or signed-token request). */
  NOT_MQTT,
  USERNAME_MISSING,
  /** Nothing before the first {@code ?}. */
  USERNAME_EMPTY,
  /** A broken {@code %} escape, or bytes that are not UTF-8. */
  USERNAME_BAD_ENCODING,
  /** Characters outside the safe set, or longer than 128 characters. */
  USERNAME_UNSAFE,
  PASSWORD_MISSING,
  PASSWORD_EMPTY,
  PASSWORD_NOT_BASE64,
  PASSWORD_NOT_UTF8,
  PASSWORD_TOO_LONG,
  /** Only token mode is enabled and the password is not a JWT. */
  NOT_A_TOKEN,
  /** Less Lambda time is left than a Cognito call needs. */
  NO_TIME_LEFT,
  COGNITO_NOT_AUTHORIZED,
  COGNITO_USER_NOT_FOUND,
  COGNITO_USER_NOT_CONFIRMED,
  COGNITO_PASSWORD_RESET_REQUIRED,
  /** InitiateAuth answered with a challenge (NEW_PASSWORD_REQUIRED, MFA, ...): not a login. */
  COGNITO_CHALLENGE,
  COGNITO_THROTTLED,
  COGNITO_TIMEOUT,
  /** Cognito could not be reached (connection refused, DNS, TLS). */
  COGNITO_UNREACHABLE,
  /** Any other Cognito error; the detail names its error code. */
  COGNITO_ERROR,
  /** InitiateAuth succeeded without an ID token. */
  COGNITO_NO_TOKENS,
  TOKEN_MALFORMED,
  TOKEN_ALG_NOT_ALLOWED,
  TOKEN_NO_KID,
  TOKEN_UNKNOWN_KID,
  TOKEN_BAD_SIGNATURE,
  JWKS_UNAVAILABLE,
  TOKEN_WRONG_ISSUER,
  TOKEN_WRONG_USE,
  TOKEN_WRONG_CLIENT,
  TOKEN_NO_EXPIRY,
  TOKEN_EXPIRED,
  TOKEN_NOT_YET_VALID,
  /** The token's sub, username or groups are missing or of the wrong form. */
  CLAIMS_INVALID,
  /** Token mode: the MQTT username is not the token's username. */
  USERNAME_MISMATCH,
  /** The Cognito username or sub has characters that must never reach a policy. */
  IDENTITY_UNSAFE,
  /** The policy does not fit in 10 documents of 2,048 characters. */
  POLICY_TOO_LARGE,
  /** A bug: an exception nobody expected. Still a denial. */
  INTERNAL_ERROR;

  /** The code in the log line: the constant's name in lower case. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
