package io.edgegateway.authorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.authorizer.AuthorizerFunction;
import io.edgegateway.authorizer.CognitoAuthorizer;
import io.edgegateway.authorizer.FakeVerifier;
import io.edgegateway.authorizer.TestEnvironment;
import io.edgegateway.authorizer.Events;
import io.edgegateway.authorizer.log.DecisionLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvokeApiServerTest {
  final List<String> lines = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();
  InvokeApiServer server;

  @BeforeEach
  void start() throws IOException {
    DecisionLog log = new DecisionLog(lines::add, Clock.systemUTC());
    CognitoAuthorizer authorizer = new CognitoAuthorizer(TestEnvironment.config("AWS_ACCOUNT_ID", null),
        Optional.of(FakeVerifier.accepting()), Optional.empty(), Clock.systemUTC());
    server = InvokeApiServer.start(0, new AuthorizerFunction(authorizer, log), log);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  HttpResponse<String> post(String path, byte[] body, String invocationType) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (invocationType != null) {
      request.header("X-Amz-Invocation-Type", invocationType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void listensOnLoopbackAndSaysWhere() {
    assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("listening on " + server.url()));
  }

  @Test
  void invokeByArnAnswersTheResponseWithTheArnsAccount() throws Exception {
    String arn = "arn:aws:lambda:eu-west-1:210987654321:function:EdgeGatewayAuthorizer";
    HttpResponse<String> response = post("/2015-03-31/functions/" + arn.replace(":", "%3A") + "/invocations",
        Events.mqtt("alice", "pw", "alice"), null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Amz-Executed-Version")).contains("$LATEST");
    Map<String, Object> body = Events.parse(response.body());
    assertThat(body).containsEntry("isAuthenticated", true);
    assertThat(body.get("policyDocuments").toString()).contains("arn:aws:iot:eu-west-1:210987654321:client/alice");
  }

  @Test
  void invokeByNameNeedsTheConfiguredAccount() throws Exception {
    HttpResponse<String> response = post("/2015-03-31/functions/EdgeGatewayAuthorizer/invocations",
        Events.mqtt("alice", "pw", "alice"), "RequestResponse");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Events.parse(response.body())).containsEntry("isAuthenticated", false);
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("config_invalid").contains("AWS_ACCOUNT_ID"));
  }

  @Test
  void aBadEventIsAnsweredWithADenialNotAnHttpError() throws Exception {
    HttpResponse<String> response = post("/2015-03-31/functions/f/invocations", "{".getBytes(), null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Events.parse(response.body())).containsEntry("isAuthenticated", false);
  }

  @Test
  void dryRunAndEventInvocations() throws Exception {
    assertThat(post("/2015-03-31/functions/f/invocations", new byte[0], "DryRun").statusCode()).isEqualTo(204);
    int before = lines.size();
    assertThat(post("/2015-03-31/functions/f/invocations", Events.mqtt("a", "b", null), "Event").statusCode())
        .isEqualTo(202);
    assertThat(lines).hasSize(before + 1);
  }

  @Test
  void otherPathsAndMethodsAreLambdaErrors() throws Exception {
    HttpResponse<String> notFound = post("/2015-03-31/functions/f/configuration", new byte[0], null);
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
    assertThat(Events.parse(notFound.body())).containsEntry("Type", "User");
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(
        URI.create(server.url() + "/2015-03-31/functions/f/invocations")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
  }
}
