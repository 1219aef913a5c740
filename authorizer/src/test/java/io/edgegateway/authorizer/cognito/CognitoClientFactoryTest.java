package io.edgegateway.authorizer.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.TestEnvironment;
import io.edgegateway.authorizer.config.ConfigException;
import io.edgegateway.authorizer.config.ConfigLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The real SDK client, as the function builds it, against servers on loopback that misbehave. */
class CognitoClientFactoryTest {
  HttpServer server;
  final List<Headers> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  CognitoPasswordVerifier verifier(int port, int timeoutMillis) throws ConfigException {
    CognitoIdentityProviderClient client = CognitoClientFactory.create(ConfigLoader.load(TestEnvironment.with(
        "COGNITO_ENDPOINT", "http://127.0.0.1:" + port, "COGNITO_TIMEOUT_MILLIS", Integer.toString(timeoutMillis))));
    return new CognitoPasswordVerifier(client, TestEnvironment.CLIENT_ID, Optional.empty());
  }

  int answering(int status, String errorType, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestHeaders());
      exchange.getRequestBody().readAllBytes();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
      if (errorType != null) {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
      }
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return server.getAddress().getPort();
  }

  @Test
  void throttlingDeniesAtOnceWithoutRetrying() throws Exception {
    int port = answering(400, "TooManyRequestsException:",
        "{\"__type\":\"TooManyRequestsException\",\"message\":\"Too many requests\"}");
    assertDenied(verifier(port, 2000), DenialReason.COGNITO_THROTTLED);
    assertThat(requests).as("one attempt, no retry").hasSize(1);
  }

  @Test
  void initiateAuthIsSentUnsignedToTheConfiguredEndpoint() throws Exception {
    int port = answering(400, "NotAuthorizedException:",
        "{\"__type\":\"NotAuthorizedException\",\"message\":\"Incorrect username or password.\"}");
    assertDenied(verifier(port, 2000), DenialReason.COGNITO_NOT_AUTHORIZED);
    Headers headers = requests.get(0);
    assertThat(headers.getFirst("X-Amz-Target")).isEqualTo("AWSCognitoIdentityProviderService.InitiateAuth");
    assertThat(headers.containsKey("Authorization")).as("anonymous: no SigV4 signature").isFalse();
  }

  @Test
  void serverErrorsDenyWithoutRetrying() throws Exception {
    int port = answering(500, "InternalErrorException:", "{\"__type\":\"InternalErrorException\",\"message\":\"x\"}");
    assertDenied(verifier(port, 2000), DenialReason.COGNITO_ERROR);
    assertThat(requests).hasSize(1);
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
      assertDenied(verifier(silent.getLocalPort(), 500), DenialReason.COGNITO_TIMEOUT);
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

  private static void assertDenied(CognitoPasswordVerifier verifier, DenialReason reason) {
    assertThatThrownBy(() -> verifier.verify("alice", "Passw0rd!", Duration.ofMillis(
        reason == DenialReason.COGNITO_TIMEOUT ? 500 : 2000)))
        .isInstanceOfSatisfying(Denied.class, denied -> assertThat(denied.reason()).isEqualTo(reason));
  }
}
