package io.edgegateway.local.access;

/** The outcome of checking a device's credentials. */
public enum Authentication {
  /** Credentials match the password file. */
  AUTHENTICATED,
  /** No credentials, and the listener admits anonymous devices. */
  ANONYMOUS,
  /** Unknown user or wrong password. */
  BAD_CREDENTIALS,
  /** No credentials, and the listener requires them. */
  CREDENTIALS_REQUIRED;

  public boolean admitted() {
    return this == AUTHENTICATED || this == ANONYMOUS;
  }
}
