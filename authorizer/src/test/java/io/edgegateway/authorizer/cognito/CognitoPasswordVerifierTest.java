package io.edgegateway.authorizer.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.identity.Identity;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

class CognitoPasswordVerifierTest {
  static final String CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado";
  static final String SUB = "77d5c30c-ce65-46f5-898b-acedae51dadf";
  static final Duration TIMEOUT = Duration.ofMillis(1500);
  static final RSAKey KEY = key();

  /** A Cognito client whose InitiateAuth answers as the test says, and remembers the requests. */
  static final class FakeCognito implements CognitoIdentityProviderClient {
    final List<InitiateAuthRequest> requests = new ArrayList<>();
    final Function<InitiateAuthRequest, InitiateAuthResponse> answer;

    FakeCognito(Function<InitiateAuthRequest, InitiateAuthResponse> answer) {
      this.answer = answer;
    }

    @Override
    public InitiateAuthResponse initiateAuth(InitiateAuthRequest request) {
      requests.add(request);
      return answer.apply(request);
    }

    @Override
    public String serviceName() {
      return "cognito-idp";
    }

    @Override
    public void close() {
    }
  }

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

  static InitiateAuthResponse loggedIn(String idToken) {
    return InitiateAuthResponse.builder().authenticationResult(r -> r.idToken(idToken).accessToken("a")
        .refreshToken("r").expiresIn(3600).tokenType("Bearer")).build();
  }

  static FakeCognito answering(InitiateAuthResponse response) {
    return new FakeCognito(request -> response);
  }

  static FakeCognito throwing(RuntimeException exception) {
    return new FakeCognito(request -> {
      throw exception;
    });
  }

  @Test
  void aLoginGivesTheIdentityInTheIdToken() throws Denied {
    FakeCognito cognito = answering(loggedIn(idToken(claims("alice").build())));
    Identity identity = new CognitoPasswordVerifier(cognito, CLIENT_ID, Optional.empty()).verify("alice", "Passw0rd!", TIMEOUT);
    assertThat(identity.username()).isEqualTo("alice");
    assertThat(identity.sub()).isEqualTo(SUB);
    assertThat(identity.groups()).containsExactly("fleet-admins");
    assertThat(identity.expiresAt()).as("a password does not expire with the ID token").isEmpty();
  }

  @Test
  void sendsUserPasswordAuthWithoutSecretHashWhenTheClientHasNoSecret() throws Denied {
    FakeCognito cognito = answering(loggedIn(idToken(claims("alice").build())));
    new CognitoPasswordVerifier(cognito, CLIENT_ID, Optional.empty()).verify("alice", "pässwörd", TIMEOUT);
    InitiateAuthRequest request = cognito.requests.get(0);
    assertThat(request.authFlow()).isEqualTo(AuthFlowType.USER_PASSWORD_AUTH);
    assertThat(request.clientId()).isEqualTo(CLIENT_ID);
    assertThat(request.authParameters()).containsOnlyKeys("USERNAME", "PASSWORD")
        .containsEntry("USERNAME", "alice").containsEntry("PASSWORD", "pässwörd");
    assertThat(request.overrideConfiguration()).hasValueSatisfying(o -> {
      assertThat(o.apiCallTimeout()).contains(TIMEOUT);
      assertThat(o.apiCallAttemptTimeout()).contains(TIMEOUT);
    });
  }

  @Test
  void sendsSecretHashWhenTheClientHasASecret() throws Denied {
    FakeCognito cognito = answering(loggedIn(idToken(claims("alice").build())));
    new CognitoPasswordVerifier(cognito, CLIENT_ID, Optional.of("k3y-s3cret")).verify("alice", "pw", TIMEOUT);
    assertThat(cognito.requests.get(0).authParameters())
        .containsEntry("SECRET_HASH", "genT3AOcMAzKy5qlhnk4rX/Gd6BIGENgGkDVXREdimQ=");
  }

  @ParameterizedTest
  @ValueSource(strings = {"NEW_PASSWORD_REQUIRED", "SMS_MFA", "SOFTWARE_TOKEN_MFA", "MFA_SETUP", "SELECT_MFA_TYPE",
      "CUSTOM_CHALLENGE", "SOME_FUTURE_CHALLENGE"})
  void aChallengeIsNotALogin(String challenge) {
    // InitiateAuth succeeds with a challenge and a session, and no tokens.
    InitiateAuthResponse response = InitiateAuthResponse.builder().challengeName(challenge).session("session")
        .challengeParameters(java.util.Map.of("USER_ID_FOR_SRP", "alice")).build();
    assertDenied(answering(response), DenialReason.COGNITO_CHALLENGE, challenge);
  }

  @Test
  void aChallengeDeniesEvenWithTokensBesideIt() {
    InitiateAuthResponse response = loggedIn(idToken(claims("alice").build())).toBuilder()
        .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).build();
    assertDenied(answering(response), DenialReason.COGNITO_CHALLENGE, "NEW_PASSWORD_REQUIRED");
  }

  @Test
  void aResponseWithoutTokensDenies() {
    assertDenied(answering(InitiateAuthResponse.builder().build()), DenialReason.COGNITO_NO_TOKENS, null);
    assertDenied(answering(InitiateAuthResponse.builder().authenticationResult(r -> r.accessToken("a")).build()),
        DenialReason.COGNITO_NO_TOKENS, null);
    assertDenied(answering(loggedIn("not-a-jwt")), DenialReason.COGNITO_NO_TOKENS, null);
    assertDenied(new FakeCognito(request -> null), DenialReason.COGNITO_ERROR, null);
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
    Identity identity = new CognitoPasswordVerifier(answering(loggedIn(token)), "client", Optional.empty())
        .verify("alice", "Passw0rd!", Duration.ofSeconds(2));
    assertThat(identity.username()).isEqualTo("alice");
    assertThat(identity.groups()).containsExactly("fleet-admins", "ops");
    assertThat(identity.expiresAt()).isEmpty();
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
        Arguments.of(NotAuthorizedException.builder().message("Incorrect username or password.").build(),
            DenialReason.COGNITO_NOT_AUTHORIZED),
        Arguments.of(UserNotFoundException.builder().build(), DenialReason.COGNITO_USER_NOT_FOUND),
        Arguments.of(UserNotConfirmedException.builder().build(), DenialReason.COGNITO_USER_NOT_CONFIRMED),
        Arguments.of(PasswordResetRequiredException.builder().build(), DenialReason.COGNITO_PASSWORD_RESET_REQUIRED),
        Arguments.of(TooManyRequestsException.builder().statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException").build()).build(),
            DenialReason.COGNITO_THROTTLED),
        Arguments.of(AwsServiceException.builder().statusCode(429).build(), DenialReason.COGNITO_THROTTLED),
        Arguments.of(AwsServiceException.builder().statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build(),
            DenialReason.COGNITO_THROTTLED),
        // cognito-local answers a wrong password with this instead of NotAuthorizedException.
        Arguments.of(InvalidPasswordException.builder().statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidPasswordException").build()).build(),
            DenialReason.COGNITO_ERROR),
        Arguments.of(InternalErrorException.builder().statusCode(500).build(), DenialReason.COGNITO_ERROR),
        Arguments.of(ApiCallTimeoutException.create(1500), DenialReason.COGNITO_TIMEOUT),
        Arguments.of(ApiCallAttemptTimeoutException.create(1500), DenialReason.COGNITO_TIMEOUT),
        Arguments.of(SdkClientException.create("read", new SocketTimeoutException("Read timed out")),
            DenialReason.COGNITO_TIMEOUT),
        Arguments.of(SdkClientException.create("connect", new ConnectException("Connection refused")),
            DenialReason.COGNITO_UNREACHABLE),
        Arguments.of(new IllegalStateException("surprise"), DenialReason.COGNITO_ERROR));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void everyFailureOfTheCallDenies(RuntimeException failure, DenialReason reason) {
    assertDenied(throwing(failure), reason, null);
  }

  private static void assertDenied(FakeCognito cognito, DenialReason reason, String detail) {
    CognitoPasswordVerifier verifier = new CognitoPasswordVerifier(cognito, CLIENT_ID, Optional.empty());
    assertThatThrownBy(() -> verifier.verify("alice", "Passw0rd!", TIMEOUT)).isInstanceOfSatisfying(Denied.class,
        denied -> {
          assertThat(denied.reason()).isEqualTo(reason);
          if (detail != null) {
            assertThat(denied.detail()).contains(detail);
          }
          assertThat(denied.getMessage()).doesNotContain("Passw0rd!");
        });
    assertThat(cognito.requests).hasSize(1);
  }
}
