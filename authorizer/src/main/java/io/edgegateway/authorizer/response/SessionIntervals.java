package io.edgegateway.authorizer.response;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code disconnectAfterInSeconds} and {@code refreshAfterInSeconds} for one connection: as configured,
 * except that a connection authenticated by a token is disconnected no later than the token expires,
 * but never sooner than IoT Core's minimum of 300 seconds.
 */
public record SessionIntervals(int disconnectAfterSeconds, int refreshAfterSeconds) {
  public static SessionIntervals of(int configuredDisconnect, int configuredRefresh,
      Optional<Instant> credentialExpiry, Instant now) {
    int disconnect = configuredDisconnect;
    if (credentialExpiry.isPresent()) {
      long left = Duration.between(now, credentialExpiry.get()).getSeconds();
      disconnect = (int) Math.max(AuthorizerResponse.MIN_SECONDS, Math.min(configuredDisconnect, left));
    }
    return new SessionIntervals(disconnect, configuredRefresh);
  }
}
