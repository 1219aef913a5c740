package io.edgegateway.authorizer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.authorizer.Events;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The shaded jar as a user runs it: {@code invoke} on stdin and stdout, {@code serve} over HTTP. */
class AuthorizerJarIT {
  static final Path JAR = Path.of(System.getProperty("authorizer.jar", "target/authorizer.jar"));
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  static CognitoLocal cognito;
  static CognitoIdentityProviderClient admin;
  static TestPool pool;
  static String clientId;
  static String password;

  @BeforeAll
  static void start() throws Exception {
    assertThat(JAR).as("mvn package builds it").exists();
    cognito = CognitoLocal.start();
    admin = cognito.adminClient();
    pool = TestPool.create(admin, "edge-gateway-jar");
    clientId = pool.client("edge-gateway");
    password = TestPool.newPassword();
    pool.confirmedUser("gateway-1", password);
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (cognito != null) {
      cognito.close();
    }
  }

  record Run(int exitCode, String stdout, String stderr) {
  }

  static ProcessBuilder jar(Map<String, String> env, String... args) {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().addAll(List.of(JAVA, "-jar", JAR.toString()));
    builder.command().addAll(List.of(args));
    builder.environment().keySet().removeIf(k -> k.startsWith("COGNITO_") || k.startsWith("POLICY_")
        || k.startsWith("AWS_") || k.startsWith("TOKEN_") || k.equals("AUTH_MODES"));
    builder.environment().putAll(env);
    return builder;
  }

  static Run invoke(Map<String, String> env, byte[] event) throws Exception {
    Path out = Files.createTempFile("invoke-", ".out");
    Path err = Files.createTempFile("invoke-", ".err");
    try {
      Process process = jar(env, "invoke").redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(event);
      }
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  Map<String, String> env() {
    return ItSupport.env(cognito, pool.poolId, clientId);
  }

  @Test
  void invokePrintsTheResponseAloneOnStdoutAndLogsOnStderr() throws Exception {
    Run run = invoke(env(), Events.mqtt("gateway-1", password, "gateway-1"));
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout().lines().toList()).as(run.stderr()).hasSize(1);
    Map<String, Object> response = Events.parse(run.stdout());
    assertThat(response).containsEntry("isAuthenticated", true);
    assertThat(response.get("policyDocuments").toString()).contains("client/gateway-1");
    assertThat(run.stderr()).contains("\"decision\":\"allow\"").doesNotContain(password);
  }

  @Test
  void invokeDeniesAWrongPassword() throws Exception {
    Run run = invoke(env(), Events.mqtt("gateway-1", "not-" + password, "gateway-1"));
    assertThat(run.exitCode()).isZero();
    assertThat(Events.parse(run.stdout())).containsEntry("isAuthenticated", false);
    assertThat(run.stderr()).contains("\"decision\":\"deny\"");
  }

  @Test
  void invokeWithAMissingSettingDeniesAndSaysWhichOnStderr() throws Exception {
    Map<String, String> env = env();
    env.remove("COGNITO_CLIENT_ID");
    Run run = invoke(env, Events.mqtt("gateway-1", password, "gateway-1"));
    assertThat(Events.parse(run.stdout())).containsEntry("isAuthenticated", false);
    assertThat(run.stderr()).contains("config_error").contains("COGNITO_CLIENT_ID is required");
  }

  @Test
  void serveAnswersTheLambdaInvokeApiOnLoopback() throws Exception {
    Process process = jar(env(), "serve", "--port", "0").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String url = listeningUrl(process);
      assertThat(url).startsWith("http://127.0.0.1:");
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
          URI.create(url + "/2015-03-31/functions/EdgeGatewayAuthorizer/invocations"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(Events.mqtt("gateway-1", password, "gateway-1"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Events.parse(response.body())).containsEntry("isAuthenticated", true);
    } finally {
      process.destroy();
      assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
    }
  }

  /** Reads serve's stderr until it says where it listens; keeps draining it afterwards. */
  static String listeningUrl(Process process) throws Exception {
    Pattern listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = err.readLine()) != null) {
          Matcher m = listening.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          }
        }
        url.completeExceptionally(new IllegalStateException("serve exited"));
      } catch (IOException e) {
        url.completeExceptionally(e);
      }
    });
    reader.setDaemon(true);
    reader.start();
    return url.get(60, TimeUnit.SECONDS);
  }
}
