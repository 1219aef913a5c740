package io.edgegateway.authorizer.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.TestEnvironment;
import io.edgegateway.authorizer.config.ConfigException;
import io.edgegateway.authorizer.config.ConfigLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The InitiateAuth call as the function makes it, against servers on loopback that misbehave. */
class InitiateAuthClientTest {
  static final String NOT_AUTHORIZED = "{\"__type\":\"NotAuthorizedException\",\"message\":\"Incorrect username or password.\"}";

  static CognitoPasswordVerifier verifier(int port, int timeoutMillis) throws ConfigException {
    InitiateAuthClient client = InitiateAuthClient.create(ConfigLoader.load(TestEnvironment.with(
        "COGNITO_ENDPOINT", "http://127.0.0.1:" + port, "COGNITO_TIMEOUT_MILLIS", Integer.toString(timeoutMillis))));
    return new CognitoPasswordVerifier(client, TestEnvironment.CLIENT_ID, Optional.empty());
  }

  static int port(FakeCognitoServer server) {
    return server.endpoint().getPort();
  }

  @Test
  void goesToTheRegionsEndpointUnlessAnotherIsConfigured() throws Exception {
    assertThat(InitiateAuthClient.create(ConfigLoader.load(TestEnvironment.minimal())).url())
        .hasToString("https://cognito-idp.eu-west-1.amazonaws.com/");
    assertThat(InitiateAuthClient.create(ConfigLoader.load(TestEnvironment.with(
        "COGNITO_USER_POOL_ID", "us-east-2_AbCdEf123"))).url()).hasToString("https://cognito-idp.us-east-2.amazonaws.com/");
    assertThat(InitiateAuthClient.create(ConfigLoader.load(TestEnvironment.with(
        "COGNITO_ENDPOINT", "http://127.0.0.1:9229"))).url()).hasToString("http://127.0.0.1:9229/");
  }

  @Test
  void throttlingDeniesAtOnceWithoutRetrying() throws Exception {
    try (FakeCognitoServer server = FakeCognitoServer.answering(FakeCognitoServer.error(400, "TooManyRequestsException",
        "Too many requests"))) {
      assertDenied(verifier(port(server), 2000), DenialReason.COGNITO_THROTTLED);
      assertThat(server.requests).as("one attempt, no retry").hasSize(1);
    }
  }

  @Test
  void initiateAuthIsSentUnsignedToTheConfiguredEndpoint() throws Exception {
    try (FakeCognitoServer server = FakeCognitoServer.answering(FakeCognitoServer.reply(400, NOT_AUTHORIZED))) {
      assertDenied(verifier(port(server), 2000), DenialReason.COGNITO_NOT_AUTHORIZED);
      FakeCognitoServer.Request request = server.requests.get(0);
      assertThat(request.headers().getFirst("X-Amz-Target")).isEqualTo("AWSCognitoIdentityProviderService.InitiateAuth");
      assertThat(request.headers().containsKey("Authorization")).as("anonymous: no SigV4 signature").isFalse();
    }
  }

  @Test
  void theBodyArrivesWithItsLengthAndConsecutiveCallsShareOneConnection() throws Exception {
    try (FakeCognitoServer server = FakeCognitoServer.answering(FakeCognitoServer.reply(400, NOT_AUTHORIZED))) {
      CognitoPasswordVerifier verifier = verifier(port(server), 2000);
      for (int i = 0; i < 3; i++) {
        assertDenied(verifier, DenialReason.COGNITO_NOT_AUTHORIZED);
      }
      assertThat(server.requests).hasSize(3);
      for (FakeCognitoServer.Request request : server.requests) {
        assertThat(request.headers().getFirst("Content-Length")).isEqualTo(Integer.toString(request.body().length));
        assertThat(request.body().length).isPositive();
        assertThat(request.headers().containsKey("Transfer-Encoding")).as("sent whole, not streamed").isFalse();
      }
      assertThat(server.requests).extracting(FakeCognitoServer.Request::peer).as("kept alive")
          .containsOnly(server.requests.get(0).peer());
    }
  }

  @Test
  void loginsShareOneConnectionToo() throws Exception {
    try (FakeCognitoServer server = FakeCognitoServer.answering(FakeCognitoServer.loggedIn(
        CognitoPasswordVerifierTest.idToken(CognitoPasswordVerifierTest.claims("alice").build())))) {
      CognitoPasswordVerifier verifier = verifier(port(server), 2000);
      for (int i = 0; i < 3; i++) {
        assertThat(verifier.verify("alice", "Passw0rd!", Duration.ofSeconds(2)).username()).isEqualTo("alice");
      }
      assertThat(server.requests).extracting(FakeCognitoServer.Request::peer).as("kept alive")
          .containsOnly(server.requests.get(0).peer());
    }
  }

  @Test
  void serverErrorsDenyWithoutRetrying() throws Exception {
    try (FakeCognitoServer server = FakeCognitoServer.answering(FakeCognitoServer.error(500, "InternalErrorException",
        "x"))) {
      assertDenied(verifier(port(server), 2000), DenialReason.COGNITO_ERROR);
      assertThat(server.requests).hasSize(1);
    }
  }

  @Test
  @Timeout(value = 4)
  void aCognitoThatNeverAnswersIsGivenUpOnWithinTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try (Socket held = silent.accept()) {
          held.getInputStream().readAllBytes();
        } catch (IOException e) {
          // closed when the test ends
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      long start = System.nanoTime();
      assertDenied(verifier(silent.getLocalPort(), 500), DenialReason.COGNITO_TIMEOUT);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1500);
    }
  }

  @Test
  @Timeout(value = 4)
  void theCallsTimeoutBoundsItWhenItIsShorterThanTheConfiguredOne() throws Exception {
    try (FakeCognitoServer server = FakeCognitoServer.answering(FakeCognitoServer.reply(400, NOT_AUTHORIZED)
        .after(2500))) {
      CognitoPasswordVerifier verifier = verifier(port(server), 4000);
      long start = System.nanoTime();
      assertThatThrownBy(() -> verifier.verify("alice", "Passw0rd!", Duration.ofMillis(300)))
          .isInstanceOfSatisfying(Denied.class, denied -> {
            assertThat(denied.reason()).isEqualTo(DenialReason.COGNITO_TIMEOUT);
            assertThat(denied.detail()).contains("after 300 ms");
          });
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1300);
    }
  }

  @Test
  @Timeout(value = 4)
  void aCognitoThatClosesTheConnectionWithoutAnAnswerDenies() throws Exception {
    try (ServerSocket rude = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (true) {
          try (Socket socket = rude.accept()) {
            socket.getInputStream().read(new byte[1024]);
          } catch (IOException e) {
            return; // closed when the test ends
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      assertDenied(verifier(rude.getLocalPort(), 1000), DenialReason.COGNITO_UNREACHABLE);
    }
  }

  @Test
  void anUnreachableCognitoDenies() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    assertDenied(verifier(closedPort, 1000), DenialReason.COGNITO_UNREACHABLE);
  }

  @Test
  void anAnswerLongerThanCognitosCanBeIsNotRead() throws Exception {
    String huge = "{\"x\":\"" + "a".repeat(InitiateAuthClient.MAX_RESPONSE_BYTES) + "\"}";
    try (FakeCognitoServer server = FakeCognitoServer.answering(FakeCognitoServer.reply(200, huge))) {
      assertDenied(verifier(port(server), 2000), DenialReason.COGNITO_UNREACHABLE);
    }
  }

  private static void assertDenied(CognitoPasswordVerifier verifier, DenialReason reason) {
    assertThatThrownBy(() -> verifier.verify("alice", "Passw0rd!", Duration.ofMillis(
        reason == DenialReason.COGNITO_TIMEOUT ? 500 : 2000)))
        .isInstanceOfSatisfying(Denied.class, denied -> assertThat(denied.reason()).isEqualTo(reason));
  }
}
