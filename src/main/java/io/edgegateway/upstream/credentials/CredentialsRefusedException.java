package io.edgegateway.upstream.credentials;

/** The identity provider refused the gateway's credentials: a denial, not a fault. */
public final class CredentialsRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CredentialsRefusedException(String message) {
    super(message, null, false, false);
  }
}
