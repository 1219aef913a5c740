package io.edgegateway.authorizer.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edgegateway.authorizer.AuthorizerFunction;
import io.edgegateway.authorizer.Invocation;
import io.edgegateway.authorizer.event.EventParser;
import io.edgegateway.authorizer.json.Json;
import io.edgegateway.authorizer.log.DecisionLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code serve}: the Lambda Invoke API on loopback, so that a local IoT Core simulator can call the
 * authorizer as IoT Core calls Lambda. {@code POST /2015-03-31/functions/NAME/invocations} with the event
 * as body answers 200 and the response JSON ({@code X-Amz-Invocation-Type: DryRun} answers 204, {@code Event}
 * 202 after running it). NAME may be a name or a function ARN; an ARN gives the account and partition, as
 * the invoked function's ARN does in Lambda. Anything else: 404 or 405 with Lambda's error shape.
 */
public final class InvokeApiServer {
  private static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
  private static final Pattern FUNCTION_ARN = Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:.+");

  private final HttpServer server;
  private final ExecutorService executor;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private InvokeApiServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static InvokeApiServer start(int port, AuthorizerFunction function, DecisionLog log) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread thread = new Thread(r, "authorizer-serve");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, function));
    server.start();
    InvokeApiServer started = new InvokeApiServer(server, executor);
    log.info("serve", "listening on " + started.url());
    return started;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  public void stop() {
    server.stop(0);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopped.countDown();
  }

  private static void handle(HttpExchange exchange, AuthorizerFunction function) throws IOException {
    try (exchange) {
      Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
      if (!path.matches()) {
        error(exchange, 404, "ResourceNotFoundException", "no such resource: " + exchange.getRequestURI().getPath());
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        error(exchange, 405, "MethodNotAllowedException", "use POST");
        return;
      }
      String name = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
      String requestId = UUID.randomUUID().toString();
      exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
      exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
      String invocationType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))
          .orElse("RequestResponse");
      if (invocationType.equals("DryRun")) {
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      byte[] event;
      try (InputStream body = exchange.getRequestBody()) {
        event = body.readNBytes(EventParser.MAX_EVENT_BYTES + 1);
      }
      Optional<String> arn = FUNCTION_ARN.matcher(name).matches() ? Optional.of(name) : Optional.empty();
      byte[] response = function.apply(event, new Invocation(requestId, arn, Optional.empty()));
      if (invocationType.equals("Event")) {
        exchange.sendResponseHeaders(202, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    }
  }

  private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
    Map<String, String> error = new LinkedHashMap<>();
    error.put("Type", "User");
    error.put("message", message);
    byte[] body = Json.write(error).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
