package io.edgegateway.authorizer.cognito;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.edgegateway.authorizer.json.Json;
import io.edgegateway.authorizer.json.JsonException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Cognito's InitiateAuth on loopback, answering as a test says (status, {@code x-amzn-ErrorType} header,
 * body, delay), and remembering each request.
 */
final class FakeCognitoServer implements AutoCloseable {
  /** A request as it arrived. */
  record Request(String method, String path, Headers headers, byte[] body, InetSocketAddress peer) {
    Map<String, Object> json() {
      try {
        return Json.parseObject(body);
      } catch (JsonException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** An answer; an empty body is sent with no body at all. */
  record Reply(int status, String errorType, String body, long delayMillis) {
    Reply after(long millis) {
      return new Reply(status, errorType, body, millis);
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  private FakeCognitoServer(Function<Request, Reply> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
          exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes(), exchange.getRemoteAddress());
      requests.add(request);
      Reply reply = answer.apply(request);
      if (reply.delayMillis() > 0) {
        try {
          Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
      if (reply.errorType() != null) {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", reply.errorType());
      }
      try {
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      } catch (IOException e) {
        // the client gave up
      }
    });
    server.start();
  }

  static FakeCognitoServer answering(Function<Request, Reply> answer) {
    try {
      return new FakeCognitoServer(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FakeCognitoServer answering(Reply reply) {
    return answering(request -> reply);
  }

  static Reply reply(int status, String body) {
    return new Reply(status, null, body, 0);
  }

  static Reply ok(Map<String, ?> body) {
    return reply(200, Json.write(body));
  }

  /** A successful login: the three tokens. */
  static Reply loggedIn(String idToken) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("AccessToken", "access-token");
    result.put("ExpiresIn", 3600);
    result.put("IdToken", idToken);
    result.put("RefreshToken", "refresh-token");
    result.put("TokenType", "Bearer");
    return ok(Map.of("AuthenticationResult", result, "ChallengeParameters", Map.of()));
  }

  /** An error as Cognito sends it: HTTP 400 (or another status), the type in the body and the header. */
  static Reply error(int status, String type, String message) {
    return new Reply(status, type + ":", Json.write(Map.of("__type", type, "message", message)), 0);
  }

  /** An error with its type in the body only, as given (prefixed, suffixed). */
  static Reply errorInBody(int status, String type) {
    return reply(status, Json.write(Map.of("__type", type, "message", "m")));
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  InitiateAuthClient client(Duration connectionTimeout) {
    return new InitiateAuthClient(endpoint(), connectionTimeout);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
