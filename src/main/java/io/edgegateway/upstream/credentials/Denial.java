package io.edgegateway.upstream.credentials;

/** Why an identity was refused upstream, as far as the answer tells. */
public enum Denial {
  /** The username or password (or token) is wrong: Cognito refused it, or IoT Core answered 0x86. */
  BAD_CREDENTIALS,
  /**
   * The identity may not connect: IoT Core answered "not authorized" (0x87), which it does both when the
   * authorizer refused the credentials and when the policy it returned does not allow the client id; or
   * Cognito asked for more than a password (a new password, MFA).
   */
  NOT_AUTHORIZED
}
