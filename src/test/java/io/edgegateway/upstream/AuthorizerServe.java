package io.edgegateway.upstream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar authorizer/target/authorizer.jar serve --port 0} as a process, as a user runs it. */
final class AuthorizerServe implements AutoCloseable {

  private static final Path JAR = Path.of("authorizer/target/authorizer.jar");
  private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

  private final Process process;
  private final String url;
  private final ConcurrentLinkedQueue<String> log;

  private AuthorizerServe(Process process, String url, ConcurrentLinkedQueue<String> log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  static AuthorizerServe start(Map<String, String> environment) throws Exception {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: build the authorizer first (scripts/test does)");
    }
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
        "serve", "--port", "0").redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(k -> k.startsWith("COGNITO_") || k.startsWith("POLICY_")
        || k.startsWith("AWS_") || k.startsWith("TOKEN_") || k.equals("AUTH_MODES"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = err.readLine()) != null) {
          log.add(line);
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        // the process ended
      }
      url.completeExceptionally(new IllegalStateException("authorizer.jar serve ended: " + log));
    }, "authorizer-serve-log");
    reader.setDaemon(true);
    reader.start();
    try {
      return new AuthorizerServe(process, url.get(30, TimeUnit.SECONDS), log);
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** The Invoke API's base URL. */
  String url() {
    return url;
  }

  /** Everything the authorizer logged so far (one JSON line per decision). */
  String log() {
    return String.join("\n", log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
