package io.edgegateway.authorizer.response;

import io.edgegateway.authorizer.policy.PolicyDocumentPacker;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The answer IoT Core expects from a custom authorizer. An Allow can only be made by {@link #allow},
 * which checks IoT Core's limits: {@code principalId} {@code [a-zA-Z0-9]{1,128}}, 1 to 10 policy
 * documents of at most 2,048 characters, both intervals from 300 to 86,400 seconds.
 */
public record AuthorizerResponse(
    boolean isAuthenticated,
    String principalId,
    int disconnectAfterInSeconds,
    int refreshAfterInSeconds,
    List<String> policyDocuments) {

  public static final int MIN_SECONDS = 300;
  public static final int MAX_SECONDS = 86_400;
  private static final Pattern PRINCIPAL_ID = Pattern.compile("[a-zA-Z0-9]{1,128}");

  /** What every denial answers: not authenticated, no policy; the other fields are valid placeholders. */
  public static final AuthorizerResponse DENY =
      new AuthorizerResponse(false, "denied", MIN_SECONDS, MIN_SECONDS, List.of());

  public AuthorizerResponse {
    policyDocuments = List.copyOf(policyDocuments);
    if (!PRINCIPAL_ID.matcher(principalId).matches()) {
      throw new IllegalArgumentException("principalId must match [a-zA-Z0-9]{1,128}");
    }
    requireInterval("disconnectAfterInSeconds", disconnectAfterInSeconds);
    requireInterval("refreshAfterInSeconds", refreshAfterInSeconds);
    if (policyDocuments.size() > PolicyDocumentPacker.MAX_DOCUMENTS) {
      throw new IllegalArgumentException("more than " + PolicyDocumentPacker.MAX_DOCUMENTS + " policy documents");
    }
    for (String document : policyDocuments) {
      if (document.length() > PolicyDocumentPacker.MAX_DOCUMENT_CHARS) {
        throw new IllegalArgumentException("a policy document longer than "
            + PolicyDocumentPacker.MAX_DOCUMENT_CHARS + " characters");
      }
    }
    if (isAuthenticated && policyDocuments.isEmpty()) {
      throw new IllegalArgumentException("an Allow without a policy document");
    }
  }

  public static AuthorizerResponse allow(String principalId, int disconnectAfterInSeconds,
      int refreshAfterInSeconds, List<String> policyDocuments) {
    return new AuthorizerResponse(true, principalId, disconnectAfterInSeconds, refreshAfterInSeconds,
        policyDocuments);
  }

  private static void requireInterval(String name, int seconds) {
    if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
      throw new IllegalArgumentException(name + " must be from " + MIN_SECONDS + " to " + MAX_SECONDS);
    }
  }
}
