package io.edgegateway.iotcore;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An authorizer reached over the Lambda Invoke API, as IoT Core reaches Lambda: for instance the
 * authorizer's own {@code authorizer.jar serve --port N}. {@code POST /2015-03-31/functions/NAME/invocations}
 * with the event; a status other than 200 or an {@code X-Amz-Function-Error} header is a failure.
 */
public final class InvokeApiAuthorizer implements Authorizer {
  private final HttpClient client;
  private final URI endpoint;
  private final String functionName;

  public InvokeApiAuthorizer(HttpClient client, URI endpoint, String functionName) {
    this.client = client;
    this.endpoint = endpoint;
    this.functionName = functionName;
  }

  @Override
  public Future<JsonObject> authorize(JsonObject event) {
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(endpoint.getHost())
        .setPort(endpoint.getPort() < 0 ? 80 : endpoint.getPort())
        .setURI("/2015-03-31/functions/" + URLEncoder.encode(functionName, StandardCharsets.UTF_8) + "/invocations")
        .putHeader("Content-Type", "application/json")
        .putHeader("X-Amz-Invocation-Type", "RequestResponse");
    return client.request(request)
        .compose(req -> req.send(event.toBuffer()))
        .compose(this::body);
  }

  private Future<JsonObject> body(HttpClientResponse response) {
    return response.body().compose(body -> {
      if (response.statusCode() != 200 || response.getHeader("X-Amz-Function-Error") != null) {
        return Future.failedFuture("Invoke API answered " + response.statusCode());
      }
      return Future.succeededFuture(new JsonObject(body));
    });
  }
}
