package io.edgegateway.authorizer.bench;

import io.edgegateway.authorizer.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The seed article's Node.js function (bench/seed/index.js) run by bench/seed/harness.js under Node, as
 * the Lambda Node.js runtime would call it. Its aws-sdk (v2) is installed with {@code npm ci} from the
 * committed lock file when missing.
 */
final class SeedFunction {
  private static final String AWS_SDK_VERSION = "2.1693.0";

  private final Path directory;
  private final Map<String, String> env;

  SeedFunction(Path directory, String endpoint, String clientId) {
    this.directory = directory.toAbsolutePath();
    // As Lambda sets them (AWS_REGION and credentials; InitiateAuth does not use the credentials),
    // plus the function's own variable (ClientID) and the endpoint of cognito-local.
    this.env = Map.of("AWS_REGION", AuthorizerBench.REGION,
        "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "AWS_SESSION_TOKEN", "local",
        "ClientID", clientId, "COGNITO_ENDPOINT", endpoint,
        "AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE", "1");
  }

  /** {@code npm ci} in the seed's directory unless aws-sdk is installed at the pinned version. */
  static void installIfMissing(Path directory) throws IOException, InterruptedException {
    Path installed = directory.resolve("node_modules/aws-sdk/package.json");
    if (Files.exists(installed) && Files.readString(installed).contains("\"version\": \"" + AWS_SDK_VERSION + "\"")) {
      return;
    }
    Path log = Files.createTempFile("npm-ci-", ".log");
    Process npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
        .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      npm.destroyForcibly();
      throw new IllegalStateException("npm ci in " + directory + " failed:\n" + Files.readString(log));
    }
    Files.deleteIfExists(log);
  }

  /** A fresh {@code node harness.js cold}: process start to the first answer. */
  long coldStartNanos(byte[] event) throws IOException, InterruptedException {
    ChildProcess.Answer answer = ChildProcess.firstLine(command("cold"), directory, env, event);
    if (!isAllow(answer.line())) {
      throw new IllegalStateException("the seed's function did not allow: " + answer.line() + "\n" + answer.stderr());
    }
    return answer.nanos();
  }

  /** {@code node harness.js warm N W}: N measured invocations after W unmeasured ones, in one process. */
  Samples warm(byte[] event, int measured, int warmup) throws IOException, InterruptedException {
    ChildProcess.Answer answer = ChildProcess.firstLine(
        command("warm", Integer.toString(measured), Integer.toString(warmup)), directory, env, event);
    Map<String, Object> result = Events.parse(answer.line());
    Number allowed = (Number) result.get("allowed");
    if (allowed == null || allowed.intValue() != measured + warmup) {
      throw new IllegalStateException("the seed's function did not allow every time: " + answer.line()
          + "\n" + answer.stderr());
    }
    List<Long> nanos = new ArrayList<>();
    for (Object n : (List<?>) result.get("nanos")) {
      nanos.add(((Number) n).longValue());
    }
    return Samples.of(nanos);
  }

  static String nodeVersion() throws IOException, InterruptedException {
    return ChildProcess.firstLine(List.of("node", "--version"), Path.of("."), Map.of(), new byte[0]).line();
  }

  /** The seed answers isAuthenticated true even for a failed login: a login is an Allow in every statement. */
  private static boolean isAllow(String line) {
    return line != null && line.contains("\"isAuthenticated\":true") && line.contains("\"Effect\":\"Allow\"")
        && !line.contains("\"Deny\"");
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of("node", directory.resolve("harness.js").toString()));
    command.addAll(List.of(args));
    return command;
  }
}
