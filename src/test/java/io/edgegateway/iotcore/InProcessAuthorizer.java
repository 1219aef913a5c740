package io.edgegateway.iotcore;

import io.edgegateway.authorizer.AuthorizerFunction;
import io.edgegateway.authorizer.Invocation;
import io.edgegateway.authorizer.log.DecisionLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The project's authorizer (the Lambda's code) in this JVM, built from the environment variables Lambda
 * would give it, run on a worker thread. Its decision log goes to SLF4J (it never holds passwords).
 */
public final class InProcessAuthorizer implements Authorizer {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InProcessAuthorizer.class);

  private final Vertx vertx;
  private final AuthorizerFunction function;
  private final Optional<String> functionArn;

  public InProcessAuthorizer(Vertx vertx, AuthorizerFunction function, Optional<String> functionArn) {
    this.vertx = vertx;
    this.function = function;
    this.functionArn = functionArn;
  }

  /** The function as Lambda builds it from {@code environment} (see the authorizer's README for the keys). */
  public static InProcessAuthorizer fromEnvironment(Vertx vertx, Map<String, String> environment) {
    DecisionLog log = new DecisionLog(LOG::info, Clock.systemUTC());
    return new InProcessAuthorizer(vertx, AuthorizerFunction.fromEnvironment(environment, log), Optional.empty());
  }

  @Override
  public Future<JsonObject> authorize(JsonObject event) {
    byte[] bytes = event.toBuffer().getBytes();
    Invocation invocation = new Invocation(UUID.randomUUID().toString(), functionArn, Optional.empty());
    return vertx.executeBlocking(() -> new JsonObject(io.vertx.core.buffer.Buffer.buffer(
        function.apply(bytes, invocation))), false);
  }
}
