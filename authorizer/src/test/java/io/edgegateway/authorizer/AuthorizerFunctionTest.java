package io.edgegateway.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.authorizer.log.DecisionLog;
import io.edgegateway.authorizer.response.ResponseJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizerFunctionTest {
  final List<String> lines = new ArrayList<>();
  final DecisionLog log = new DecisionLog(lines::add, Clock.systemUTC());

  @Test
  void aMissingSettingIsLoggedAtStartAndDeniesEveryInvocation() {
    AuthorizerFunction function = AuthorizerFunction.fromEnvironment(
        TestEnvironment.with("COGNITO_USER_POOL_ID", null), log);
    assertThat(lines).singleElement().satisfies(line -> assertThat(Events.parse(line))
        .containsEntry("event", "config_error")
        .containsEntry("message", "COGNITO_USER_POOL_ID is required and not set"));

    for (int i = 0; i < 2; i++) {
      byte[] response = function.apply(Events.mqtt("alice", "Passw0rd!", "alice"), Invocation.of("r" + i));
      assertThat(new String(response, StandardCharsets.UTF_8)).isEqualTo(ResponseJson.DENY_JSON);
    }
    assertThat(lines).hasSize(3);
    assertThat(Events.parse(lines.get(1))).containsEntry("decision", "deny").containsEntry("reason", "config_invalid")
        .containsEntry("detail", "COGNITO_USER_POOL_ID is required and not set");
  }

  @Test
  void aMalformedSettingDeniesToo() {
    AuthorizerFunction function = AuthorizerFunction.fromEnvironment(
        TestEnvironment.with("AUTH_MODES", "passwd"), log);
    byte[] response = function.apply(Events.mqtt("alice", "pw", null), Invocation.of("r"));
    assertThat(Events.parse(response)).containsEntry("isAuthenticated", false);
    assertThat(lines.get(0)).contains("AUTH_MODES");
  }

  @Test
  void oneLogLinePerDecisionAndNeverTheSecret() {
    String password = "Sup3r-S3cret-Passw0rd";
    String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2VjcmV0LXNpZ25hdHVyZQ";
    Authorizer authorizer = new CognitoAuthorizer(TestEnvironment.config("AUTH_MODES", "password,token"),
        Optional.of(FakeVerifier.accepting()),
        Optional.of(FakeVerifier.denying(DenialReason.TOKEN_BAD_SIGNATURE)), Clock.systemUTC());
    AuthorizerFunction function = new AuthorizerFunction(authorizer, log);

    Map<String, Object> allowed = Events.parse(function.apply(Events.mqtt("alice", password, "alice"), Invocation.of("r1")));
    Map<String, Object> denied = Events.parse(function.apply(Events.mqtt("alice", token, "alice"), Invocation.of("r2")));

    assertThat(allowed).containsEntry("isAuthenticated", true).containsKeys("principalId", "disconnectAfterInSeconds",
        "refreshAfterInSeconds", "policyDocuments");
    assertThat(denied).containsEntry("isAuthenticated", false);
    assertThat(lines).hasSize(2);
    Map<String, Object> first = Events.parse(lines.get(0));
    assertThat(first).containsEntry("connectionId", Events.CONNECTION_ID).containsEntry("username", "alice")
        .containsEntry("mode", "password").containsEntry("decision", "allow").containsKey("durationMs");
    assertThat(Events.parse(lines.get(1))).containsEntry("mode", "token").containsEntry("decision", "deny")
        .containsEntry("reason", "token_bad_signature");
    String all = String.join("\n", lines);
    assertThat(all).doesNotContain(password).doesNotContain(token).doesNotContain("c2VjcmV0LXNpZ25hdHVyZQ")
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anAuthorizerThatThrowsStillGivesADenial() {
    Authorizer broken = (event, invocation) -> {
      throw new IllegalStateException("bug");
    };
    byte[] response = new AuthorizerFunction(broken, log).apply(Events.mqtt("alice", "pw", null), Invocation.of("r"));
    assertThat(new String(response, StandardCharsets.UTF_8)).isEqualTo(ResponseJson.DENY_JSON);
    assertThat(lines).singleElement().asString().contains("internal_error");
  }

  @Test
  void tokenVerifierFromTheEnvironmentRefusesATokenWhenTheJwksIsUnreachable() {
    AuthorizerFunction function = AuthorizerFunction.fromEnvironment(TestEnvironment.with("AUTH_MODES", "token",
        "COGNITO_ENDPOINT", "http://127.0.0.1:9", "COGNITO_TIMEOUT_MILLIS", "500"), log);
    String token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ.eyJzdWIiOiJ4In0.c2ln";
    Map<String, Object> response = Events.parse(function.apply(Events.mqtt("alice", token, null), Invocation.of("r")));
    assertThat(response).containsEntry("isAuthenticated", false);
    assertThat(Events.parse(lines.get(0))).containsEntry("reason", "jwks_unavailable");
  }

}
