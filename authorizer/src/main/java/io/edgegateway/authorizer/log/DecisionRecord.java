package io.edgegateway.authorizer.log;

import io.edgegateway.authorizer.DenialReason;
import java.util.Objects;
import java.util.Optional;

/**
 * What one decision's log line says. Holds no password and no token: there is no field for them.
 *
 * @param username the username as decoded, or as sent (before any {@code ?}) when it could not be
 * @param mode     {@code password}, {@code token}, or empty when the decision came before the mode was known
 * @param reason   empty for an Allow
 */
public record DecisionRecord(
    Optional<String> connectionId,
    String requestId,
    Optional<String> username,
    Optional<String> clientId,
    Optional<String> mode,
    Optional<DenialReason> reason,
    Optional<String> detail,
    Optional<String> principalId) {

  public DecisionRecord {
    Objects.requireNonNull(connectionId);
    Objects.requireNonNull(requestId);
    Objects.requireNonNull(username);
    Objects.requireNonNull(clientId);
    Objects.requireNonNull(mode);
    Objects.requireNonNull(reason);
    Objects.requireNonNull(detail);
    Objects.requireNonNull(principalId);
  }

  public boolean allowed() {
    return reason.isEmpty();
  }
}
