package io.edgegateway.iotcore;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The simulator's authorizer seam with a fixed answer a test sets and can change: an allowance with given
 * policy documents, a denial, any JSON (to test the checks), a failure, or no answer at all.
 */
public final class FixedAuthorizer implements Authorizer {
  private final AtomicReference<Function<JsonObject, Future<JsonObject>>> answer = new AtomicReference<>();
  private final AtomicInteger calls = new AtomicInteger();

  public static FixedAuthorizer allowing(String principalId, String... policyDocuments) {
    FixedAuthorizer authorizer = new FixedAuthorizer();
    authorizer.allow(principalId, 86_400, 86_400, policyDocuments);
    return authorizer;
  }

  public static JsonObject allowance(String principalId, int disconnectAfter, int refreshAfter, String... documents) {
    return new JsonObject()
        .put("isAuthenticated", true)
        .put("principalId", principalId)
        .put("disconnectAfterInSeconds", disconnectAfter)
        .put("refreshAfterInSeconds", refreshAfter)
        .put("policyDocuments", new JsonArray(List.of((Object[]) documents)));
  }

  public void allow(String principalId, int disconnectAfter, int refreshAfter, String... documents) {
    respond(allowance(principalId, disconnectAfter, refreshAfter, documents));
  }

  public void deny() {
    respond(new JsonObject().put("isAuthenticated", false));
  }

  public void respond(JsonObject response) {
    answer.set(event -> Future.succeededFuture(response.copy()));
  }

  public void fail() {
    answer.set(event -> Future.failedFuture("authorizer failed"));
  }

  public void neverAnswer() {
    answer.set(event -> Promise.<JsonObject>promise().future());
  }

  public int calls() {
    return calls.get();
  }

  @Override
  public Future<JsonObject> authorize(JsonObject event) {
    calls.incrementAndGet();
    return answer.get().apply(event);
  }
}
