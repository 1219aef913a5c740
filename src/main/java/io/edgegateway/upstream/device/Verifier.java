package io.edgegateway.upstream.device;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the gateway keeps of a device's last accepted sign-in: the username, the client id it connected
 * with, when the authorizer accepted it, and a hash of the password (never the password).
 */
record Verifier(String username, String clientId, Instant acceptedAt, VerifierHash hash) {

  Verifier {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(acceptedAt, "acceptedAt");
    Objects.requireNonNull(hash, "hash");
  }

  /** Whether the device connects with the same client id and password as when it was accepted. */
  boolean matches(String clientId, byte[] password) {
    return this.clientId.equals(clientId) && hash.matches(password);
  }

  /** The same verifier, accepted again at {@code time}. */
  Verifier acceptedAgainAt(Instant time) {
    return new Verifier(username, clientId, time, hash);
  }

  /**
   * Whether it is within {@code maxAge} of its acceptance. A time ahead of {@code now} (the clock was set
   * back, as on a Raspberry Pi that boots without a network) counts as an age of its size, so a skew of up
   * to {@code maxAge} keeps a device admitted and a larger one does not. A zero {@code maxAge} admits
   * nothing.
   */
  boolean fresh(Instant now, Duration maxAge) {
    return fresh(acceptedAt, now, maxAge);
  }

  static boolean fresh(Instant acceptedAt, Instant now, Duration maxAge) {
    return !maxAge.isZero() && Duration.between(acceptedAt, now).abs().compareTo(maxAge) <= 0;
  }

  /** Whether it is older than {@code maxAge}, which removes it; a time ahead of {@code now} never is. */
  boolean expired(Instant now, Duration maxAge) {
    return maxAge.isZero() || Duration.between(acceptedAt, now).compareTo(maxAge) > 0;
  }
}
