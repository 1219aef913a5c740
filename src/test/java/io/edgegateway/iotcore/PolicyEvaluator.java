package io.edgegateway.iotcore;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides IoT actions with the policy documents an authorizer returned, as IoT Core does: an action on a
 * resource is allowed when some {@code Allow} statement matches it and no {@code Deny} statement does
 * (default deny; an explicit deny wins). Statements have {@code Effect}, {@code Action} and
 * {@code Resource} (a string or a list each); {@code ${iot:ClientId}} is substituted.
 *
 * <p>Not evaluated: {@code Condition} (a statement with one is ignored when it allows and applied when it
 * denies, so a condition never widens access), {@code NotAction} and {@code NotResource} (refused as invalid).
 */
public final class PolicyEvaluator {
  private static final PolicyEvaluator DENY_ALL = new PolicyEvaluator(List.of());

  private final List<Statement> statements;
  private final Map<String, Optional<WildcardPattern>> compiled = new ConcurrentHashMap<>();

  private record Statement(boolean allow, boolean conditional, List<String> actions, List<String> resources) {
  }

  private PolicyEvaluator(List<Statement> statements) {
    this.statements = statements;
  }

  public static PolicyEvaluator denyAll() {
    return DENY_ALL;
  }

  /** Parses the documents; a document that is not a policy IoT Core would take throws IllegalArgumentException. */
  public static PolicyEvaluator parse(List<String> documents) {
    List<Statement> statements = new ArrayList<>();
    for (String document : documents) {
      JsonObject policy;
      try {
        policy = new JsonObject(document);
      } catch (DecodeException | ClassCastException e) {
        throw new IllegalArgumentException("policy document is not a JSON object");
      }
      Object list = policy.getValue("Statement");
      if (list instanceof JsonObject single) {
        statements.add(statement(single));
      } else if (list instanceof JsonArray array) {
        for (Object item : array) {
          if (!(item instanceof JsonObject statement)) {
            throw new IllegalArgumentException("a Statement entry is not an object");
          }
          statements.add(statement(statement));
        }
      } else {
        throw new IllegalArgumentException("policy document has no Statement");
      }
    }
    return new PolicyEvaluator(List.copyOf(statements));
  }

  private static Statement statement(JsonObject json) {
    if (json.containsKey("NotAction") || json.containsKey("NotResource")) {
      throw new IllegalArgumentException("NotAction and NotResource are not supported here");
    }
    String effect = json.getValue("Effect") instanceof String s ? s : "";
    if (!effect.equals("Allow") && !effect.equals("Deny")) {
      throw new IllegalArgumentException("Effect must be Allow or Deny");
    }
    return new Statement(effect.equals("Allow"), json.containsKey("Condition"), strings(json, "Action"),
        strings(json, "Resource"));
  }

  private static List<String> strings(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value instanceof String single) {
      return List.of(single);
    }
    if (value instanceof JsonArray array && !array.isEmpty()) {
      List<String> values = new ArrayList<>();
      for (Object item : array) {
        if (!(item instanceof String s)) {
          throw new IllegalArgumentException(key + " entries must be strings");
        }
        values.add(s);
      }
      return List.copyOf(values);
    }
    throw new IllegalArgumentException("statement has no " + key);
  }

  /** Whether {@code action} on {@code resource} (a full ARN) is allowed for a connection with this client id. */
  public boolean allows(IotAction action, String resource, String clientId) {
    Map<String, String> variables = Map.of("iot:ClientId", clientId);
    boolean allowed = false;
    for (Statement statement : statements) {
      if (!matchesAny(statement.actions(), action.policyName(), Map.of(), true)
          || !matchesAny(statement.resources(), resource, variables, false)) {
        continue;
      }
      if (!statement.allow()) {
        return false;
      }
      allowed |= !statement.conditional();
    }
    return allowed;
  }

  private boolean matchesAny(List<String> patterns, String value, Map<String, String> variables,
      boolean ignoreCase) {
    for (String pattern : patterns) {
      String key = (ignoreCase ? "a" : "r") + variables.getOrDefault("iot:ClientId", "") + '\u0000' + pattern;
      Optional<WildcardPattern> match =
          compiled.computeIfAbsent(key, k -> WildcardPattern.compile(pattern, variables, ignoreCase));
      if (match.isPresent() && match.get().matches(value)) {
        return true;
      }
    }
    return false;
  }
}
