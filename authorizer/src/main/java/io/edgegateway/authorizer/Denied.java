package io.edgegateway.authorizer;

import java.util.Objects;
import java.util.Optional;

/**
 * Thrown anywhere on the way to a decision: the connection is denied. The detail explains the
 * reason for an operator and never holds a password or a token.
 */
public final class Denied extends Exception {
  private static final long serialVersionUID = 1L;

  private final DenialReason reason;
  private final String detail;

  public Denied(DenialReason reason) {
    this(reason, null);
  }

  public Denied(DenialReason reason, String detail) {
    super(detail == null ? reason.code() : reason.code() + ": " + detail, null, false, false);
    this.reason = Objects.requireNonNull(reason);
    this.detail = detail;
  }

  public DenialReason reason() {
    return reason;
  }

  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }
}
