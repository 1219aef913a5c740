package io.edgegateway.iotcore;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An authorizer's answer after the checks IoT Core makes. A denial needs only {@code isAuthenticated: false}.
 * An allowance needs a {@code principalId} of 1 to 128 letters and digits, 1 to 10 policy documents of at
 * most 2,048 characters each that parse as policies, and {@code disconnectAfterInSeconds} and
 * {@code refreshAfterInSeconds} between 300 and 86,400 (the simulator requires both).
 */
public record AuthorizerResponse(
    boolean authenticated,
    String principalId,
    int disconnectAfterSeconds,
    int refreshAfterSeconds,
    List<String> policyDocuments,
    PolicyEvaluator policy) {

  public static final int MIN_SECONDS = 300;
  public static final int MAX_SECONDS = 86_400;
  public static final int MAX_DOCUMENTS = 10;
  public static final int MAX_DOCUMENT_CHARS = 2048;
  private static final Pattern PRINCIPAL = Pattern.compile("[a-zA-Z0-9]{1,128}");

  /** Thrown for an answer IoT Core would not accept: the connection is refused. */
  public static final class Invalid extends RuntimeException {
    public Invalid(String message) {
      super(message, null, false, false);
    }
  }

  public static AuthorizerResponse validate(JsonObject json) {
    if (json == null || !(json.getValue("isAuthenticated") instanceof Boolean authenticated)) {
      throw new Invalid("isAuthenticated is not a boolean");
    }
    if (!authenticated) {
      return new AuthorizerResponse(false, "", 0, 0, List.of(), PolicyEvaluator.denyAll());
    }
    if (!(json.getValue("principalId") instanceof String principal) || !PRINCIPAL.matcher(principal).matches()) {
      throw new Invalid("principalId is not 1 to 128 letters and digits");
    }
    int disconnectAfter = seconds(json, "disconnectAfterInSeconds");
    int refreshAfter = seconds(json, "refreshAfterInSeconds");
    List<String> documents = documents(json);
    PolicyEvaluator policy;
    try {
      policy = PolicyEvaluator.parse(documents);
    } catch (IllegalArgumentException e) {
      throw new Invalid("policy document: " + e.getMessage());
    }
    return new AuthorizerResponse(true, principal, disconnectAfter, refreshAfter, documents, policy);
  }

  private static int seconds(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (!(value instanceof Integer || value instanceof Long)) {
      throw new Invalid(key + " is not an integer");
    }
    long seconds = ((Number) value).longValue();
    if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
      throw new Invalid(key + " is not between " + MIN_SECONDS + " and " + MAX_SECONDS);
    }
    return (int) seconds;
  }

  private static List<String> documents(JsonObject json) {
    if (!(json.getValue("policyDocuments") instanceof JsonArray array) || array.isEmpty()) {
      throw new Invalid("policyDocuments is not a non-empty list");
    }
    if (array.size() > MAX_DOCUMENTS) {
      throw new Invalid("more than " + MAX_DOCUMENTS + " policy documents");
    }
    List<String> documents = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String document)) {
        throw new Invalid("a policy document is not a string");
      }
      if (document.length() > MAX_DOCUMENT_CHARS) {
        throw new Invalid("a policy document is longer than " + MAX_DOCUMENT_CHARS + " characters");
      }
      documents.add(document);
    }
    return List.copyOf(documents);
  }
}
