package io.edgegateway.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.edgegateway.authorizer.log.DecisionLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizerHandlerTest {

  record FakeContext(String requestId, String arn, int remainingMillis) implements Context {
    @Override
    public String getAwsRequestId() {
      return requestId;
    }

    @Override
    public String getInvokedFunctionArn() {
      return arn;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return remainingMillis;
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/authorizer";
    }

    @Override
    public String getLogStreamName() {
      return "stream";
    }

    @Override
    public String getFunctionName() {
      return "authorizer";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return null;
    }
  }

  @Test
  void readsTheEventAndWritesTheResponseWithTheContextsAccountAndRequestId() throws IOException {
    List<String> lines = new ArrayList<>();
    FakeVerifier verifier = FakeVerifier.accepting();
    Authorizer authorizer = new CognitoAuthorizer(TestEnvironment.config("AWS_ACCOUNT_ID", null),
        Optional.of(verifier), Optional.empty(), Clock.systemUTC());
    AuthorizerHandler handler = new AuthorizerHandler(new AuthorizerFunction(authorizer,
        new DecisionLog(lines::add, Clock.systemUTC())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    handler.handleRequest(new ByteArrayInputStream(Events.mqtt("alice", "pw", "alice")), out,
        new FakeContext("req-42", "arn:aws:lambda:eu-west-1:210987654321:function:authorizer", 4900));

    Map<String, Object> response = Events.parse(out.toByteArray());
    assertThat(response).containsEntry("isAuthenticated", true);
    assertThat(response.get("policyDocuments").toString()).contains("arn:aws:iot:eu-west-1:210987654321:client/alice");
    assertThat(Events.parse(lines.get(0))).containsEntry("requestId", "req-42");
    assertThat(verifier.timeouts).containsExactly(Duration.ofMillis(2000));
  }

  @Test
  void noTimeLeftInTheContextDenies() throws IOException {
    List<String> lines = new ArrayList<>();
    Authorizer authorizer = new CognitoAuthorizer(TestEnvironment.config(),
        Optional.of(FakeVerifier.accepting()), Optional.empty(), Clock.systemUTC());
    AuthorizerHandler handler = new AuthorizerHandler(new AuthorizerFunction(authorizer,
        new DecisionLog(lines::add, Clock.systemUTC())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(Events.mqtt("alice", "pw", "alice")), out,
        new FakeContext("req-43", null, 0));
    assertThat(Events.parse(out.toByteArray())).containsEntry("isAuthenticated", false);
    assertThat(Events.parse(lines.get(0))).containsEntry("reason", "no_time_left");
  }

  @Test
  void anUnreadableEventIsDeniedNotThrown() throws IOException {
    List<String> lines = new ArrayList<>();
    Authorizer authorizer = new CognitoAuthorizer(TestEnvironment.config(),
        Optional.of(FakeVerifier.accepting()), Optional.empty(), Clock.systemUTC());
    AuthorizerHandler handler = new AuthorizerHandler(new AuthorizerFunction(authorizer,
        new DecisionLog(lines::add, Clock.systemUTC())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    };
    handler.handleRequest(broken, out, new FakeContext("req-44", null, 4900));
    assertThat(Events.parse(out.toByteArray())).containsEntry("isAuthenticated", false);
    assertThat(Events.parse(lines.get(0))).containsEntry("reason", "event_malformed");
  }
}
