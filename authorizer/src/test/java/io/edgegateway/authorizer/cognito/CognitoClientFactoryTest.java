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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The real SDK client, as the function builds it, against servers on loopback that misbehave. */
class CognitoClientFactoryTest {
  HttpServer server;
  final List<Headers> requests = new CopyOnWriteArrayList<>();
  final List<InetSocketAddress> peers = new CopyOnWriteArrayList<>();
  final List<Integer> bodyLengths = new CopyOnWriteArrayList<>();

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
      peers.add(exchange.getRemoteAddress());
      bodyLengths.add(exchange.getRequestBody().readAllBytes().length);
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
  void theBodyArrivesWithItsLengthAndConsecutiveCallsShareOneConnection() throws Exception {
    int port = answering(400, "NotAuthorizedException:",
        "{\"__type\":\"NotAuthorizedException\",\"message\":\"Incorrect username or password.\"}");
    CognitoPasswordVerifier verifier = verifier(port, 2000);
    for (int i = 0; i < 3; i++) {
      assertDenied(verifier, DenialReason.COGNITO_NOT_AUTHORIZED);
    }
    assertThat(requests).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(requests.get(i).getFirst("Content-Length")).isEqualTo(Integer.toString(bodyLengths.get(i)));
      assertThat(bodyLengths.get(i)).isPositive();
    }
    assertThat(peers).as("kept alive").containsOnly(peers.get(0));
  }

  @Test
  void theSdkHandsTheHttpClientABodyWithoutContentLengthSoThatItIsBufferedNotStreamed() throws Exception {
    List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    SdkHttpClient capturing = new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        sent.add(request.httpRequest());
        bodies.add(request.contentStreamProvider().map(p -> {
          try (InputStream in = p.newStream()) {
            return in.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }).orElse(new byte[0]));
        byte[] body = "{\"__type\":\"NotAuthorizedException\",\"message\":\"no\"}".getBytes(StandardCharsets.UTF_8);
        return new ExecutableHttpRequest() {
          @Override
          public HttpExecuteResponse call() {
            return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(400)
                    .putHeader("x-amzn-ErrorType", "NotAuthorizedException:")
                    .putHeader("Content-Type", "application/x-amz-json-1.1").build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                .build();
          }

          @Override
          public void abort() {
          }
        };
      }

      @Override
      public void close() {
      }
    };
    CognitoIdentityProviderClient client = CognitoClientFactory.create(ConfigLoader.load(TestEnvironment.with(
        "COGNITO_ENDPOINT", "http://127.0.0.1:9")), capturing);
    assertDenied(new CognitoPasswordVerifier(client, TestEnvironment.CLIENT_ID, Optional.empty()),
        DenialReason.COGNITO_NOT_AUTHORIZED);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).firstMatchingHeader("Content-Length")).isEmpty();
    assertThat(new String(bodies.get(0), StandardCharsets.UTF_8)).contains("\"AuthFlow\":\"USER_PASSWORD_AUTH\"");
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

  private static void assertDenied(CognitoPasswordVerifier verifier, DenialReason reason) {
    assertThatThrownBy(() -> verifier.verify("alice", "Passw0rd!", Duration.ofMillis(
        reason == DenialReason.COGNITO_TIMEOUT ? 500 : 2000)))
        .isInstanceOfSatisfying(Denied.class, denied -> assertThat(denied.reason()).isEqualTo(reason));
  }
}
