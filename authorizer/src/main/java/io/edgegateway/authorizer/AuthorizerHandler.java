package io.edgegateway.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.edgegateway.authorizer.event.EventParser;
import io.edgegateway.authorizer.log.DecisionLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The Lambda entry point: {@code io.edgegateway.authorizer.AuthorizerHandler::handleRequest}. The
 * runtime makes one instance per execution environment; its constructor reads the configuration and
 * builds the Cognito client once, during Lambda's init phase.
 */
public final class AuthorizerHandler implements RequestStreamHandler {
  private final AuthorizerFunction function;

  public AuthorizerHandler() {
    this(AuthorizerFunction.fromEnvironment(System.getenv(), DecisionLog.toStream(System.err, Clock.systemUTC())));
  }

  AuthorizerHandler(AuthorizerFunction function) {
    this.function = function;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] event;
    try {
      event = input.readNBytes(EventParser.MAX_EVENT_BYTES + 1);
    } catch (IOException e) {
      event = new byte[0]; // unreadable: denied as a malformed event
    }
    output.write(function.apply(event, invocation(context)));
    output.flush();
  }

  static Invocation invocation(Context context) {
    if (context == null) {
      return Invocation.of("");
    }
    return new Invocation(context.getAwsRequestId(), Optional.ofNullable(context.getInvokedFunctionArn()),
        Optional.of(Duration.ofMillis(Math.max(0, context.getRemainingTimeInMillis()))));
  }
}
