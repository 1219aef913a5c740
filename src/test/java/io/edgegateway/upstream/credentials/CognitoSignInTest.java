package io.edgegateway.upstream.credentials;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.config.CredentialsConfig.CognitoConfig;
import io.edgegateway.iotcore.Fixture;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How Cognito's error answers are classified: a refusal of the credentials, or a fault worth retrying soon. */
@ExtendWith(VertxExtension.class)
class CognitoSignInTest {

  private static CognitoSignIn answering(Vertx vertx, int status, String errorType) throws Exception {
    HttpServer server = Fixture.await(vertx.createHttpServer()
        .requestHandler(request -> request.response().setStatusCode(status)
            .putHeader("content-type", "application/x-amz-json-1.1")
            .putHeader("x-amzn-ErrorType", errorType)
            .end("{\"__type\":\"" + errorType + "\",\"message\":\"as Cognito answers\"}"))
        .listen(0, "127.0.0.1"));
    return new CognitoSignIn(new CognitoConfig("eu-west-1", "client-1", null,
        URI.create("http://127.0.0.1:" + server.actualPort()), "id", Duration.ofMinutes(5)), Clock.systemUTC());
  }

  @ParameterizedTest
  @ValueSource(strings = {"TooManyRequestsException", "LimitExceededException", "UnexpectedLambdaException"})
  void throttlingAndPassingTroubleAreFaultsNotDenials(String errorType, Vertx vertx) throws Exception {
    try (CognitoSignIn cognito = answering(vertx, 400, errorType)) {
      assertThatThrownBy(() -> cognito.signIn("gw1", "pw-1"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(errorType)
          .hasMessageNotContaining("pw-1");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"NotAuthorizedException", "UserNotFoundException", "PasswordResetRequiredException"})
  void aRefusalOfTheCredentialsIsADenial(String errorType, Vertx vertx) throws Exception {
    try (CognitoSignIn cognito = answering(vertx, 400, errorType)) {
      assertThatThrownBy(() -> cognito.signIn("gw1", "pw-1"))
          .isInstanceOf(CredentialsRefusedException.class)
          .hasMessageContaining(errorType);
    }
  }

  @Test
  void aServerErrorIsAFault(Vertx vertx) throws Exception {
    try (CognitoSignIn cognito = answering(vertx, 500, "InternalErrorException")) {
      assertThatThrownBy(() -> cognito.signIn("gw1", "pw-1")).isInstanceOf(IllegalStateException.class);
    }
  }
}
