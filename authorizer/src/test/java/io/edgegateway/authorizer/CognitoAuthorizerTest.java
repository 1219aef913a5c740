package io.edgegateway.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.authorizer.config.AuthorizerConfig;
import io.edgegateway.authorizer.identity.Identity;
import io.edgegateway.authorizer.log.DecisionRecord;
import io.edgegateway.authorizer.response.AuthorizerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CognitoAuthorizerTest {
  static final String SUB = "77d5c30c-ce65-46f5-898b-acedae51dadf";
  static final String PRINCIPAL = "77d5c30cce6546f5898bacedae51dadf";
  static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
  final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));

  static AuthorizerConfig config(String... env) {
    return TestEnvironment.config(env);
  }

  static FakeVerifier accepting() {
    return FakeVerifier.accepting();
  }

  static FakeVerifier denying(DenialReason reason) {
    return FakeVerifier.denying(reason);
  }

  CognitoAuthorizer passwordOnly(CredentialVerifier password, String... env) {
    return new CognitoAuthorizer(config(env), Optional.of(password), Optional.empty(), clock);
  }

  CognitoAuthorizer both(CredentialVerifier password, CredentialVerifier token, String... env) {
    String[] all = Stream.concat(Stream.of("AUTH_MODES", "password,token"), Stream.of(env)).toArray(String[]::new);
    return new CognitoAuthorizer(config(all), Optional.of(password), Optional.of(token), clock);
  }

  @Test
  void rightCredentialsAreAllowedWithAPolicyForThatIdentity() {
    FakeVerifier password = accepting();
    Decision decision = passwordOnly(password).decide(Events.mqtt("alice", "Passw0rd!", "alice"), Invocation.of("req-1"));

    AuthorizerResponse response = decision.response();
    assertThat(response.isAuthenticated()).isTrue();
    assertThat(response.principalId()).isEqualTo(PRINCIPAL);
    assertThat(response.disconnectAfterInSeconds()).isEqualTo(86_400);
    assertThat(response.refreshAfterInSeconds()).isEqualTo(3_600);
    assertThat(response.policyDocuments()).singleElement().asString()
        .contains("arn:aws:iot:eu-west-1:123456789012:client/alice")
        .contains("arn:aws:iot:eu-west-1:123456789012:topic/dt/alice/*")
        .doesNotContain("client/*");
    assertThat(password.secrets).containsExactly("Passw0rd!");

    DecisionRecord record = decision.record();
    assertThat(record.allowed()).isTrue();
    assertThat(record.connectionId()).contains(Events.CONNECTION_ID);
    assertThat(record.requestId()).isEqualTo("req-1");
    assertThat(record.username()).contains("alice");
    assertThat(record.clientId()).contains("alice");
    assertThat(record.mode()).contains("password");
    assertThat(record.principalId()).contains(PRINCIPAL);
  }

  @Test
  void aFailedLoginDeniesWithNoPolicy() {
    // The seed answered Deny and then Allow, and isAuthenticated: true either way.
    Decision decision = passwordOnly(denying(DenialReason.COGNITO_NOT_AUTHORIZED))
        .decide(Events.mqtt("alice", "wrong", "alice"), Invocation.of("r"));
    assertThat(decision.response()).isEqualTo(AuthorizerResponse.DENY);
    assertThat(decision.response().policyDocuments()).isEmpty();
    assertThat(decision.record().reason()).contains(DenialReason.COGNITO_NOT_AUTHORIZED);
    assertThat(decision.record().mode()).contains("password");
  }

  @Test
  void withBothModesAJwtPasswordIsCheckedAsATokenOnly() {
    FakeVerifier password = accepting();
    FakeVerifier token = new FakeVerifier(username -> new Identity(username, SUB, List.of(),
        Optional.of(clock.instant().plusSeconds(1200))));
    Decision decision = both(password, token).decide(Events.mqtt("alice", JWT, null), Invocation.of("r"));
    assertThat(decision.response().isAuthenticated()).isTrue();
    assertThat(decision.record().mode()).contains("token");
    assertThat(token.secrets).containsExactly(JWT);
    assertThat(password.secrets).isEmpty();
    assertThat(decision.response().disconnectAfterInSeconds()).as("no later than the token's expiry").isEqualTo(1200);
  }

  @Test
  void withBothModesARejectedTokenIsNotTriedAsAPassword() {
    FakeVerifier password = accepting();
    Decision decision = both(password, denying(DenialReason.TOKEN_EXPIRED))
        .decide(Events.mqtt("alice", JWT, null), Invocation.of("r"));
    assertThat(decision.response().isAuthenticated()).isFalse();
    assertThat(decision.record().reason()).contains(DenialReason.TOKEN_EXPIRED);
    assertThat(password.secrets).isEmpty();
  }

  @Test
  void withBothModesAnOrdinaryPasswordGoesToCognito() {
    FakeVerifier password = accepting();
    FakeVerifier token = accepting();
    Decision decision = both(password, token).decide(Events.mqtt("alice", "Passw0rd!", null), Invocation.of("r"));
    assertThat(decision.record().mode()).contains("password");
    assertThat(token.secrets).isEmpty();
  }

  @Test
  void tokenModeAloneRefusesAnOrdinaryPassword() {
    FakeVerifier token = accepting();
    CognitoAuthorizer authorizer = new CognitoAuthorizer(config("AUTH_MODES", "token"), Optional.empty(),
        Optional.of(token), clock);
    Decision decision = authorizer.decide(Events.mqtt("alice", "Passw0rd!", null), Invocation.of("r"));
    assertThat(decision.record().reason()).contains(DenialReason.NOT_A_TOKEN);
    assertThat(token.secrets).isEmpty();
  }

  @Test
  void passwordModeAloneSendsEvenAJwtToCognito() {
    FakeVerifier password = accepting();
    Decision decision = passwordOnly(password).decide(Events.mqtt("alice", JWT, null), Invocation.of("r"));
    assertThat(decision.record().mode()).contains("password");
    assertThat(password.secrets).containsExactly(JWT);
  }

  @Test
  void accountAndPartitionComeFromTheFunctionArnWhenNotConfigured() {
    Invocation invocation = new Invocation("r",
        Optional.of("arn:aws-cn:lambda:cn-north-1:210987654321:function:authorizer:live"), Optional.empty());
    Decision decision = passwordOnly(accepting(), "AWS_ACCOUNT_ID", null, "AWS_REGION", "cn-north-1")
        .decide(Events.mqtt("alice", "pw", null), invocation);
    assertThat(decision.response().policyDocuments()).singleElement().asString()
        .contains("arn:aws-cn:iot:cn-north-1:210987654321:client/alice");
  }

  @Test
  void configuredAccountWinsOverTheFunctionArn() {
    Invocation invocation = new Invocation("r",
        Optional.of("arn:aws:lambda:eu-west-1:210987654321:function:authorizer"), Optional.empty());
    Decision decision = passwordOnly(accepting()).decide(Events.mqtt("alice", "pw", null), invocation);
    assertThat(decision.response().policyDocuments()).singleElement().asString()
        .contains(":123456789012:client/alice").doesNotContain("210987654321");
  }

  @Test
  void noAccountAnywhereDeniesWithoutCallingCognito() {
    FakeVerifier password = accepting();
    Decision decision = passwordOnly(password, "AWS_ACCOUNT_ID", null)
        .decide(Events.mqtt("alice", "pw", null), Invocation.of("r"));
    assertThat(decision.record().reason()).contains(DenialReason.CONFIG_INVALID);
    assertThat(decision.record().detail()).hasValueSatisfying(d -> assertThat(d).contains("AWS_ACCOUNT_ID"));
    assertThat(password.secrets).isEmpty();
  }

  @Test
  void theCognitoCallGetsTheConfiguredTimeoutOrWhatTheRuntimeLeavesLessAMargin() {
    FakeVerifier password = accepting();
    CognitoAuthorizer authorizer = passwordOnly(password);
    authorizer.decide(Events.mqtt("alice", "pw", null), Invocation.of("r"));
    authorizer.decide(Events.mqtt("alice", "pw", null),
        new Invocation("r", Optional.empty(), Optional.of(Duration.ofMillis(1500))));
    authorizer.decide(Events.mqtt("alice", "pw", null),
        new Invocation("r", Optional.empty(), Optional.of(Duration.ofSeconds(5))));
    assertThat(password.timeouts).containsExactly(Duration.ofMillis(2000), Duration.ofMillis(1000),
        Duration.ofMillis(2000));
  }

  @Test
  void tooLittleTimeLeftDeniesWithoutCallingCognito() {
    FakeVerifier password = accepting();
    Decision decision = passwordOnly(password).decide(Events.mqtt("alice", "pw", null),
        new Invocation("r", Optional.empty(), Optional.of(Duration.ofMillis(550))));
    assertThat(decision.record().reason()).contains(DenialReason.NO_TIME_LEFT);
    assertThat(password.secrets).isEmpty();
  }

  @Test
  void anIdentityWhoseSubIsNotAUuidIsDenied() {
    FakeVerifier odd = new FakeVerifier(username -> new Identity(username, "not-a-uuid", List.of(), Optional.empty()));
    Decision decision = passwordOnly(odd).decide(Events.mqtt("alice", "pw", null), Invocation.of("r"));
    assertThat(decision.record().reason()).contains(DenialReason.IDENTITY_UNSAFE);
  }

  @Test
  void aCognitoUsernameWithWildcardsIsDeniedEvenAfterALogin() {
    // Whatever Cognito says the username is, it does not reach a policy unless it is safe.
    FakeVerifier wildcard = new FakeVerifier(username -> new Identity("dev*", SUB, List.of(), Optional.empty()));
    Decision decision = passwordOnly(wildcard).decide(Events.mqtt("dev", "pw", null), Invocation.of("r"));
    assertThat(decision.record().reason()).contains(DenialReason.IDENTITY_UNSAFE);
    assertThat(decision.response().isAuthenticated()).isFalse();
  }

  @Test
  void anUnexpectedExceptionIsADenial() {
    FakeVerifier broken = new FakeVerifier(username -> {
      throw new IllegalStateException("bug");
    });
    Decision decision = passwordOnly(broken).decide(Events.mqtt("alice", "pw", null), Invocation.of("r"));
    assertThat(decision.response()).isEqualTo(AuthorizerResponse.DENY);
    assertThat(decision.record().reason()).contains(DenialReason.INTERNAL_ERROR);
    assertThat(decision.record().detail()).contains("java.lang.IllegalStateException");
  }

  static Stream<Arguments> badEvents() {
    return Stream.of(
        Arguments.of("not json".getBytes(StandardCharsets.UTF_8), DenialReason.EVENT_MALFORMED),
        Arguments.of(new byte[0], DenialReason.EVENT_MALFORMED),
        Arguments.of(Events.json(Map.of("protocols", List.of("tls", "http"),
            "protocolData", Map.of("http", Map.of("headers", Map.of())))), DenialReason.NOT_MQTT),
        Arguments.of(Events.mqttRaw(null, "cHc=", "c"), DenialReason.USERNAME_MISSING),
        Arguments.of(Events.mqttRaw("?SDK=JavaV2", "cHc=", "c"), DenialReason.USERNAME_EMPTY),
        Arguments.of(Events.mqttRaw("al%zz", "cHc=", "c"), DenialReason.USERNAME_BAD_ENCODING),
        Arguments.of(Events.mqtt("dev*", "pw", "c"), DenialReason.USERNAME_UNSAFE),
        Arguments.of(Events.mqtt("a/b", "pw", "c"), DenialReason.USERNAME_UNSAFE),
        Arguments.of(Events.mqtt("a#", "pw", "c"), DenialReason.USERNAME_UNSAFE),
        Arguments.of(Events.mqtt("alice", null, "c"), DenialReason.PASSWORD_MISSING),
        Arguments.of(Events.mqtt("alice", "", "c"), DenialReason.PASSWORD_EMPTY),
        Arguments.of(Events.mqttRaw("alice", "!!", "c"), DenialReason.PASSWORD_NOT_BASE64),
        Arguments.of(Events.mqttRaw("alice", "/w==", "c"), DenialReason.PASSWORD_NOT_UTF8));
  }

  @ParameterizedTest
  @MethodSource("badEvents")
  void aBadEventIsDeniedBeforeCognitoIsAsked(byte[] event, DenialReason reason) {
    FakeVerifier password = accepting();
    Decision decision = passwordOnly(password).decide(event, Invocation.of("r"));
    assertThat(decision.response()).isEqualTo(AuthorizerResponse.DENY);
    assertThat(decision.record().reason()).contains(reason);
    assertThat(password.secrets).isEmpty();
  }

  @Test
  void theLogRecordOfADenialNamesTheUsernameAsSent() {
    Decision decision = passwordOnly(accepting()).decide(Events.mqtt("dev*", "pw", "gw-1"), Invocation.of("r"));
    assertThat(decision.record().username()).contains("dev*");
    assertThat(decision.record().clientId()).contains("gw-1");
    assertThat(decision.record().mode()).isEmpty();
  }

  @Test
  void everyFailingVerifierEndsInADenial() {
    // No code path answers Allow after a failure: try every reason a verifier can give.
    for (DenialReason reason : DenialReason.values()) {
      Decision decision = passwordOnly(denying(reason)).decide(Events.mqtt("alice", "pw", null), Invocation.of("r"));
      assertThat(decision.response().isAuthenticated()).as(reason.code()).isFalse();
      assertThat(decision.response().policyDocuments()).as(reason.code()).isEmpty();
      assertThat(decision.record().reason()).contains(reason);
    }
  }
}
