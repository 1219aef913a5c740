package io.edgegateway.authorizer.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static io.edgegateway.authorizer.cognito.FakeCognitoServer.error;
import static io.edgegateway.authorizer.cognito.FakeCognitoServer.errorInBody;
import static io.edgegateway.authorizer.cognito.FakeCognitoServer.loggedIn;
import static io.edgegateway.authorizer.cognito.FakeCognitoServer.ok;
import static io.edgegateway.authorizer.cognito.FakeCognitoServer.reply;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.edgegateway.authorizer.AuthorizerFunction;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.Events;
import io.edgegateway.authorizer.Invocation;
import io.edgegateway.authorizer.TestEnvironment;
import io.edgegateway.authorizer.identity.Identity;
import io.edgegateway.authorizer.log.DecisionLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The password check against a Cognito on loopback that answers as each test says. */
class CognitoPasswordVerifierTest {
  static final String CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado";
  static final String SUB = "77d5c30c-ce65-46f5-898b-acedae51dadf";
  static final Duration TIMEOUT = Duration.ofMillis(1500);
  static final RSAKey KEY = key();

  static RSAKey key() {
    try {
      return new RSAKeyGenerator(2048).keyID("k").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String idToken(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k").build(), claims);
      jwt.sign(new RSASSASigner(KEY));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static JWTClaimsSet.Builder claims(String username) {
    return new JWTClaimsSet.Builder().subject(SUB).claim("token_use", "id").claim("cognito:username", username)
        .claim("cognito:groups", List.of("fleet-admins")).audience(CLIENT_ID);
  }

  static FakeCognitoServer answering(FakeCognitoServer.Reply reply) {
    return FakeCognitoServer.answering(reply);
  }

  static CognitoPasswordVerifier verifier(FakeCognitoServer cognito, String clientId, Optional<String> secret) {
    return new CognitoPasswordVerifier(cognito.client(Duration.ofSeconds(2)), clientId, secret);
  }

  @Test
  void aLoginGivesTheIdentityInTheIdToken() throws Denied {
    try (FakeCognitoServer cognito = answering(loggedIn(idToken(claims("alice").build())))) {
      Identity identity = verifier(cognito, CLIENT_ID, Optional.empty()).verify("alice", "Passw0rd!", TIMEOUT);
      assertThat(identity.username()).isEqualTo("alice");
      assertThat(identity.sub()).isEqualTo(SUB);
      assertThat(identity.groups()).containsExactly("fleet-admins");
      assertThat(identity.expiresAt()).as("a password does not expire with the ID token").isEmpty();
    }
  }

  @Test
  void sendsUserPasswordAuthWithoutSecretHashWhenTheClientHasNoSecret() throws Denied {
    try (FakeCognitoServer cognito = answering(loggedIn(idToken(claims("alice").build())))) {
      verifier(cognito, CLIENT_ID, Optional.empty()).verify("alice", "pässwörd", TIMEOUT);
      FakeCognitoServer.Request request = cognito.requests.get(0);
      assertThat(request.json()).isEqualTo(Map.of("AuthFlow", "USER_PASSWORD_AUTH", "ClientId", CLIENT_ID,
          "AuthParameters", Map.of("USERNAME", "alice", "PASSWORD", "pässwörd")));
    }
  }

  @Test
  void sendsSecretHashWhenTheClientHasASecret() throws Denied {
    try (FakeCognitoServer cognito = answering(loggedIn(idToken(claims("alice").build())))) {
      verifier(cognito, CLIENT_ID, Optional.of("k3y-s3cret")).verify("alice", "pw", TIMEOUT);
      assertThat(cognito.requests.get(0).json()).isEqualTo(Map.of("AuthFlow", "USER_PASSWORD_AUTH",
          "ClientId", CLIENT_ID, "AuthParameters", Map.of("USERNAME", "alice", "PASSWORD", "pw",
              "SECRET_HASH", "genT3AOcMAzKy5qlhnk4rX/Gd6BIGENgGkDVXREdimQ=")));
      assertThat(new String(cognito.requests.get(0).body(), StandardCharsets.UTF_8)).doesNotContain("k3y-s3cret");
    }
  }

  @Test
  void theRequestIsInitiateAuthAsCognitosJsonApiTakesIt() throws Denied {
    try (FakeCognitoServer cognito = answering(loggedIn(idToken(claims("alice").build())))) {
      verifier(cognito, CLIENT_ID, Optional.empty()).verify("alice", "Passw0rd!", TIMEOUT);
      assertThat(cognito.requests).hasSize(1);
      FakeCognitoServer.Request request = cognito.requests.get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/");
      assertThat(request.headers().get("Content-Type")).containsExactly("application/x-amz-json-1.1");
      assertThat(request.headers().get("X-Amz-Target"))
          .containsExactly("AWSCognitoIdentityProviderService.InitiateAuth");
      assertThat(request.headers().get("Content-Length")).containsExactly(Integer.toString(request.body().length));
      assertThat(request.headers()).as("not signed").doesNotContainKeys("Authorization", "X-amz-date",
          "X-amz-security-token");
      assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"AuthFlow\":\"USER_PASSWORD_AUTH\","
          + "\"ClientId\":\"" + CLIENT_ID + "\",\"AuthParameters\":{\"USERNAME\":\"alice\",\"PASSWORD\":\"Passw0rd!\"}}");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pässwörd", "Пароль-密码-パスワード", "key🔑\u00e9\u0301", "q\"uo\\te/\t\u0001", "\u2028\u2029 \u00a0"})
  void thePasswordArrivesAsTheUtf8ItWas(String password) throws Denied {
    try (FakeCognitoServer cognito = answering(loggedIn(idToken(claims("alice").build())))) {
      verifier(cognito, CLIENT_ID, Optional.of("s3cret")).verify("alice", password, TIMEOUT);
      FakeCognitoServer.Request request = cognito.requests.get(0);
      @SuppressWarnings("unchecked")
      Map<String, Object> parameters = (Map<String, Object>) request.json().get("AuthParameters");
      assertThat(parameters).containsEntry("PASSWORD", password);
      String body = new String(request.body(), StandardCharsets.UTF_8);
      assertThat(StandardCharsets.UTF_8.encode(body).limit()).isEqualTo(request.body().length);
    }
  }

  @Test
  void theEventsPasswordReachesCognitoAsTheUtf8ItWasEncodedFrom() throws Exception {
    String password = "Pässwörd-密码-🔑\"\\";
    List<String> log = new CopyOnWriteArrayList<>();
    try (FakeCognitoServer cognito = answering(loggedIn(idToken(claims("alice").build())))) {
      AuthorizerFunction function = AuthorizerFunction.fromEnvironment(TestEnvironment.with(
          "COGNITO_ENDPOINT", cognito.endpoint().toString(), "COGNITO_CLIENT_SECRET", "k3y-s3cret"),
          new DecisionLog(log::add, Clock.systemUTC()));
      String response = new String(function.apply(Events.mqtt("alice", password, "alice"), Invocation.of("t")),
          StandardCharsets.UTF_8);
      assertThat(response).contains("\"isAuthenticated\":true");
      assertThat(cognito.requests).hasSize(1);
      FakeCognitoServer.Request request = cognito.requests.get(0);
      assertThat(request.json()).isEqualTo(Map.of("AuthFlow", "USER_PASSWORD_AUTH", "ClientId",
          TestEnvironment.CLIENT_ID, "AuthParameters", Map.of("USERNAME", "alice", "PASSWORD", password,
              "SECRET_HASH", SecretHash.of("k3y-s3cret", "alice", TestEnvironment.CLIENT_ID))));
      assertThat(indexOf(request.body(), password.getBytes(StandardCharsets.UTF_8))).as("the UTF-8 bytes as sent")
          .isEqualTo(-1); // the quote and the backslash are escaped in JSON
      assertThat(indexOf(request.body(), "Pässwörd-密码-🔑".getBytes(StandardCharsets.UTF_8))).isPositive();
    }
    assertThat(log).isNotEmpty().noneSatisfy(line -> assertThat(line).contains("Pässwörd"))
        .noneSatisfy(line -> assertThat(line).contains("k3y-s3cret"));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @ParameterizedTest
  @ValueSource(strings = {"NEW_PASSWORD_REQUIRED", "SMS_MFA", "SOFTWARE_TOKEN_MFA", "MFA_SETUP", "SELECT_MFA_TYPE",
      "CUSTOM_CHALLENGE", "SOME_FUTURE_CHALLENGE"})
  void aChallengeIsNotALogin(String challenge) {
    // InitiateAuth succeeds with a challenge and a session, and no tokens.
    assertDenied(answering(ok(Map.of("ChallengeName", challenge, "Session", "session",
        "ChallengeParameters", Map.of("USER_ID_FOR_SRP", "alice")))), DenialReason.COGNITO_CHALLENGE, challenge);
  }

  @Test
  void aChallengeDeniesEvenWithTokensBesideIt() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("AuthenticationResult", Map.of("IdToken", idToken(claims("alice").build()), "AccessToken", "a"));
    body.put("ChallengeName", "NEW_PASSWORD_REQUIRED");
    assertDenied(answering(ok(body)), DenialReason.COGNITO_CHALLENGE, "NEW_PASSWORD_REQUIRED");
  }

  @Test
  void aResponseWithoutTokensDenies() {
    assertDenied(answering(ok(Map.of())), DenialReason.COGNITO_NO_TOKENS, null);
    assertDenied(answering(reply(200, "")), DenialReason.COGNITO_NO_TOKENS, null);
    assertDenied(answering(reply(200, "{\"AuthenticationResult\":null,\"ChallengeName\":null}")),
        DenialReason.COGNITO_NO_TOKENS, null);
    assertDenied(answering(ok(Map.of("AuthenticationResult", Map.of("AccessToken", "a")))),
        DenialReason.COGNITO_NO_TOKENS, null);
    assertDenied(answering(ok(Map.of("AuthenticationResult", Map.of("IdToken", 7)))),
        DenialReason.COGNITO_NO_TOKENS, "the ID token cannot be read");
    assertDenied(answering(loggedIn("not-a-jwt")), DenialReason.COGNITO_NO_TOKENS, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "[]", "null", "{\"AuthenticationResult\":", "\"text\""})
  void anUnreadableResponseDenies(String body) {
    assertDenied(answering(reply(200, body)), DenialReason.COGNITO_UNREACHABLE, "JsonException");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "a.b.c", "e30.e30", "e30.e30.x.y", "e30.e30.", "eyJhbGciOjF9.e30.", "eyJhbGciOiJSUzI1NiJ9.W10.",
      "eyJhbGciOiJSUzI1NiJ9.bnVsbA.", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4Ig.", "eyJhbGciOiJSUzI1NiJ9.e30!.",
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4Iiwic3ViIjoieSJ9."})
  void anIdTokenThatIsNotAJwsWithAnAlgorithmAndAClaimsObjectDenies(String idToken) {
    // headers and payloads in base64url: {} ; {"alg":1} ; {"alg":"RS256"} ; [] ; null ; {"sub":"x" (cut) ;
    // {"sub":"x","sub":"y"} (a duplicate name)
    assertDenied(answering(loggedIn(idToken)), DenialReason.COGNITO_NO_TOKENS, "the ID token cannot be read");
  }

  @Test
  void theIdentityIsReadFromTheIdTokensClaims() throws Denied {
    String token = idToken(claims("alice").claim("cognito:groups", List.of("fleet-admins", "ops")).build());
    try (FakeCognitoServer cognito = answering(loggedIn(token))) {
      Identity identity = verifier(cognito, "client", Optional.empty()).verify("alice", "Passw0rd!", Duration.ofSeconds(2));
      assertThat(identity.username()).isEqualTo("alice");
      assertThat(identity.groups()).containsExactly("fleet-admins", "ops");
      assertThat(identity.expiresAt()).isEmpty();
    }
    assertDenied(answering(loggedIn(idToken(claims("alice").claim("cognito:groups", "ops").build()))),
        DenialReason.CLAIMS_INVALID, null);
    assertDenied(answering(loggedIn(idToken(claims("alice").claim("cognito:username", 7).build()))),
        DenialReason.CLAIMS_INVALID, null);
  }

  @Test
  void anIdTokenWithoutSubDenies() {
    assertDenied(answering(loggedIn(idToken(claims("alice").subject(null).build()))), DenialReason.CLAIMS_INVALID, null);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(error(400, "NotAuthorizedException", "Incorrect username or password."),
            DenialReason.COGNITO_NOT_AUTHORIZED, null),
        Arguments.of(errorInBody(400, "com.amazonaws.cognito.identity.idp.model#NotAuthorizedException"),
            DenialReason.COGNITO_NOT_AUTHORIZED, null),
        Arguments.of(errorInBody(400, "NotAuthorizedException:http://internal.amazon.com/coral/validate/"),
            DenialReason.COGNITO_NOT_AUTHORIZED, null),
        Arguments.of(reply(400, "{\"code\":\"NotAuthorizedException\"}"), DenialReason.COGNITO_NOT_AUTHORIZED, null),
        Arguments.of(error(400, "UserNotFoundException", "User does not exist."), DenialReason.COGNITO_USER_NOT_FOUND,
            null),
        Arguments.of(errorInBody(400, "UserNotFoundException"), DenialReason.COGNITO_USER_NOT_FOUND, null),
        Arguments.of(error(400, "UserNotConfirmedException", "User is not confirmed."),
            DenialReason.COGNITO_USER_NOT_CONFIRMED, null),
        Arguments.of(error(400, "PasswordResetRequiredException", "Password reset required for the user"),
            DenialReason.COGNITO_PASSWORD_RESET_REQUIRED, null),
        // the header names the error when both do, as the SDK read it
        Arguments.of(new FakeCognitoServer.Reply(400, "NotAuthorizedException:",
            "{\"__type\":\"UserNotFoundException\"}", 0), DenialReason.COGNITO_NOT_AUTHORIZED, null),
        Arguments.of(error(400, "TooManyRequestsException", "Too many requests"), DenialReason.COGNITO_THROTTLED,
            "TooManyRequestsException (HTTP 400)"),
        Arguments.of(errorInBody(400, "ThrottlingException"), DenialReason.COGNITO_THROTTLED,
            "ThrottlingException (HTTP 400)"),
        Arguments.of(errorInBody(400, "RequestLimitExceeded"), DenialReason.COGNITO_THROTTLED,
            "RequestLimitExceeded (HTTP 400)"),
        Arguments.of(reply(429, ""), DenialReason.COGNITO_THROTTLED, "CognitoIdentityProviderException (HTTP 429)"),
        // cognito-local answers a wrong password with this instead of NotAuthorizedException.
        Arguments.of(error(400, "InvalidPasswordException", "x"), DenialReason.COGNITO_ERROR,
            "InvalidPasswordException (HTTP 400)"),
        Arguments.of(errorInBody(400, "LimitExceededException"), DenialReason.COGNITO_ERROR,
            "LimitExceededException (HTTP 400)"),
        Arguments.of(errorInBody(400, "ResourceNotFoundException"), DenialReason.COGNITO_ERROR,
            "ResourceNotFoundException (HTTP 400)"),
        Arguments.of(reply(400, "garbage"), DenialReason.COGNITO_ERROR, "CognitoIdentityProviderException (HTTP 400)"),
        Arguments.of(reply(400, ""), DenialReason.COGNITO_ERROR, "CognitoIdentityProviderException (HTTP 400)"),
        Arguments.of(reply(403, "{\"message\":\"forbidden\"}"), DenialReason.COGNITO_ERROR,
            "CognitoIdentityProviderException (HTTP 403)"),
        Arguments.of(reply(302, ""), DenialReason.COGNITO_ERROR, "CognitoIdentityProviderException (HTTP 302)"),
        Arguments.of(error(500, "InternalErrorException", "x"), DenialReason.COGNITO_ERROR,
            "InternalErrorException (HTTP 500)"),
        Arguments.of(reply(500, "<html>x</html>"), DenialReason.COGNITO_ERROR,
            "CognitoIdentityProviderException (HTTP 500)"),
        Arguments.of(reply(502, ""), DenialReason.COGNITO_ERROR, "CognitoIdentityProviderException (HTTP 502)"),
        Arguments.of(errorInBody(503, "ServiceUnavailable"), DenialReason.COGNITO_ERROR,
            "ServiceUnavailable (HTTP 503)"),
        Arguments.of(reply(200, "{}").after(1500), DenialReason.COGNITO_TIMEOUT, "after 500 ms"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void everyFailureOfTheCallDenies(FakeCognitoServer.Reply reply, DenialReason reason, String detail) {
    assertDenied(answering(reply), reason, detail);
  }

  private static void assertDenied(FakeCognitoServer server, DenialReason reason, String detail) {
    try (FakeCognitoServer cognito = server) {
      CognitoPasswordVerifier verifier = verifier(cognito, CLIENT_ID, Optional.empty());
      Duration timeout = reason == DenialReason.COGNITO_TIMEOUT ? Duration.ofMillis(500) : TIMEOUT;
      assertThatThrownBy(() -> verifier.verify("alice", "Passw0rd!", timeout)).isInstanceOfSatisfying(Denied.class,
          denied -> {
            assertThat(denied.reason()).isEqualTo(reason);
            if (detail != null) {
              assertThat(denied.detail()).hasValueSatisfying(d -> assertThat(d).contains(detail));
            }
            assertThat(denied.getMessage()).doesNotContain("Passw0rd!");
          });
      assertThat(cognito.requests).as("one attempt").hasSize(1);
    }
  }
}
