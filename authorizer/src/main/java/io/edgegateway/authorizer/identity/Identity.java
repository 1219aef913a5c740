package io.edgegateway.authorizer.identity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who Cognito says is connecting: the pool's username, the user's {@code sub}, the user's groups, and
 * when the credential stops being valid (a token's {@code exp}; a password has none).
 */
public record Identity(String username, String sub, List<String> groups, Optional<Instant> expiresAt) {
  public Identity {
    Objects.requireNonNull(username);
    Objects.requireNonNull(sub);
    groups = List.copyOf(groups);
    Objects.requireNonNull(expiresAt);
  }
}
