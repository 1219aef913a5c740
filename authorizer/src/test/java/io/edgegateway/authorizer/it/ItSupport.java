package io.edgegateway.authorizer.it;

import io.edgegateway.authorizer.AuthorizerFunction;
import io.edgegateway.authorizer.Events;
import io.edgegateway.authorizer.Invocation;
import io.edgegateway.authorizer.log.DecisionLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The function built from environment variables, as in Lambda, with its log lines kept for the test. */
final class ItSupport {
  static final String ACCOUNT = "123456789012";
  static final String REGION = "eu-west-1";

  final List<String> lines = new CopyOnWriteArrayList<>();
  final AuthorizerFunction function;

  ItSupport(Map<String, String> env) {
    function = AuthorizerFunction.fromEnvironment(env, new DecisionLog(lines::add, Clock.systemUTC()));
  }

  static Map<String, String> env(CognitoLocal cognito, String poolId, String clientId, String... extra) {
    Map<String, String> env = new HashMap<>();
    env.put("COGNITO_USER_POOL_ID", poolId);
    env.put("COGNITO_CLIENT_ID", clientId);
    env.put("COGNITO_ENDPOINT", cognito.endpoint().toString());
    env.put("AWS_REGION", REGION);
    env.put("AWS_ACCOUNT_ID", ACCOUNT);
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  /** Runs one event; returns the response and the log line it made. */
  Result invoke(byte[] event) {
    int before = lines.size();
    Map<String, Object> response = Events.parse(function.apply(event, Invocation.of("it")));
    List<String> made = new ArrayList<>(lines.subList(before, lines.size()));
    if (made.size() != 1) {
      throw new AssertionError("expected one log line, got " + made);
    }
    return new Result(response, Events.parse(made.get(0)), made.get(0));
  }

  record Result(Map<String, Object> response, Map<String, Object> log, String logLine) {
    boolean allowed() {
      return Boolean.TRUE.equals(response.get("isAuthenticated"));
    }

    String reason() {
      return (String) log.get("reason");
    }

    @SuppressWarnings("unchecked")
    List<String> resources() {
      List<String> arns = new ArrayList<>();
      for (String document : (List<String>) response.get("policyDocuments")) {
        for (Map<String, Object> statement : (List<Map<String, Object>>) Events.parse(document).get("Statement")) {
          for (String resource : (List<String>) statement.get("Resource")) {
            arns.add(statement.get("Action") + " " + resource);
          }
        }
      }
      return arns;
    }
  }
}
