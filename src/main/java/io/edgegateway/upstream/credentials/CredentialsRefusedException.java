package io.edgegateway.upstream.credentials;

/** The identity provider refused the gateway's credentials: a denial, not a fault. */
public final class CredentialsRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Denial denial;

  /** Refused as bad credentials. */
  public CredentialsRefusedException(String message) {
    this(Denial.BAD_CREDENTIALS, message);
  }

  public CredentialsRefusedException(Denial denial, String message) {
    super(message, null, false, false);
    this.denial = denial;
  }

  public Denial denial() {
    return denial;
  }
}
