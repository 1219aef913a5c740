package io.edgegateway.authorizer.identity;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IoT Core's {@code principalId} ({@code [a-zA-Z0-9]{1,128}}) from a Cognito {@code sub}: the UUID
 * without its dashes. A {@code sub} that is not a UUID gives none.
 */
public final class PrincipalId {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private PrincipalId() {
  }

  public static Optional<String> fromSub(String sub) {
    if (sub == null || !UUID.matcher(sub).matches()) {
      return Optional.empty();
    }
    return Optional.of(sub.replace("-", ""));
  }
}
