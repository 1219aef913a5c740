package io.edgegateway.iotcore;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A custom authorizer as IoT Core sees it: it gets the event and answers with the response JSON. The
 * simulator applies the time limit and checks the answer ({@link AuthorizerResponse#validate}), so an
 * implementation only carries the call.
 */
@FunctionalInterface
public interface Authorizer {
  Future<JsonObject> authorize(JsonObject event);
}
