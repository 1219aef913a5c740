package io.edgegateway.ops;

import io.edgegateway.config.OpsHttpConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops HTTP listener: a fixed table of paths, each an {@link OpsEndpoint}, answering GET (and HEAD).
 * No web framework: there are a handful of pages and no parameters.
 */
final class OpsServer {

  private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
  /**
   * Every answer: scripts, styles and fetches from this listener only, no inline script, nothing framed.
   * Text a device chose (a client id) cannot run here even if it ended up in the page's markup.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Vertx vertx;
  private final OpsHttpConfig config;
  private final Map<String, OpsEndpoint> endpoints;
  private HttpServer server;

  /** @param endpoints by exact path, such as {@code /metrics} */
  OpsServer(Vertx vertx, OpsHttpConfig config, Map<String, OpsEndpoint> endpoints) {
    this.vertx = vertx;
    this.config = config;
    this.endpoints = new LinkedHashMap<>(endpoints);
  }

  /** Listens; fails, naming the address, when it cannot (a port in use). Completes with the bound port. */
  Future<Integer> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()));
    server.requestHandler(this::handle);
    return server.listen()
        .map(s -> {
          LOG.info("ops http on {}:{}: {}", config.host(), s.actualPort(), String.join(", ", endpoints.keySet()));
          return s.actualPort();
        })
        .recover(e -> Future.failedFuture(new IllegalStateException("ops.http cannot listen on " + config.host()
            + ":" + config.port() + ": " + e.getMessage(), e)));
  }

  private void handle(HttpServerRequest request) {
    OpsEndpoint endpoint = endpoints.get(request.path());
    if (endpoint == null) {
      reply(request, OpsResponse.json(404, "{\"error\":\"not found\",\"paths\":[\""
          + String.join("\",\"", endpoints.keySet()) + "\"]}"));
      return;
    }
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      request.response().putHeader(HttpHeaders.ALLOW, "GET, HEAD");
      reply(request, OpsResponse.json(405, "{\"error\":\"method not allowed\"}"));
      return;
    }
    OpsResponse response;
    try {
      response = endpoint.respond();
    } catch (RuntimeException e) {
      LOG.warn("ops http: {} failed: {}", request.path(), e.toString());
      response = OpsResponse.json(500, "{\"error\":\"internal error\"}");
    }
    reply(request, response);
  }

  private static void reply(HttpServerRequest request, OpsResponse response) {
    request.response()
        .setStatusCode(response.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, response.contentType())
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff");
    if (request.method() == HttpMethod.HEAD) {
      request.response().putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(response.body().getBytes(
          java.nio.charset.StandardCharsets.UTF_8).length)).end();
    } else {
      request.response().end(response.body());
    }
  }
}
