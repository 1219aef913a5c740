package io.edgegateway.authorizer.bench;

import io.edgegateway.authorizer.AuthorizerFunction;
import io.edgegateway.authorizer.Invocation;
import io.edgegateway.authorizer.log.DecisionLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * This project's authorizer: warm in this JVM through {@link AuthorizerFunction} (what the Lambda handler
 * runs), cold as a fresh {@code java -jar authorizer.jar invoke} with the JVM flags of template.yaml.
 */
final class OurFunction {
  /** JAVA_TOOL_OPTIONS in template.yaml. */
  static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

  private final Map<String, String> env;
  private final Path jar;

  OurFunction(Map<String, String> env, Path jar) {
    this.env = env;
    this.jar = jar.toAbsolutePath();
  }

  /** One instance, as one Lambda execution environment keeps it; W unmeasured invocations, then N measured. */
  Samples warm(byte[] event, int measured, int warmup) {
    // The decision log line is built as in Lambda, then dropped rather than written to a console.
    AuthorizerFunction function = AuthorizerFunction.fromEnvironment(env, new DecisionLog(line -> {
    }, Clock.systemUTC()));
    Invocation invocation = Invocation.of("bench");
    for (int i = 0; i < warmup; i++) {
      requireAllow(function.apply(event, invocation));
    }
    long[] nanos = new long[measured];
    byte[][] responses = new byte[measured][];
    for (int i = 0; i < measured; i++) {
      long start = System.nanoTime();
      responses[i] = function.apply(event, invocation);
      nanos[i] = System.nanoTime() - start;
    }
    for (byte[] response : responses) {
      requireAllow(response);
    }
    return new Samples(nanos);
  }

  /** A fresh {@code java -jar authorizer.jar invoke}: process start to the response on stdout. */
  long coldStartNanos(byte[] event) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(LAMBDA_JVM_FLAGS);
    command.addAll(List.of("-jar", jar.toString(), "invoke"));
    ChildProcess.Answer answer = ChildProcess.firstLine(command, Path.of("."), env, event);
    if (!answer.line().contains("\"isAuthenticated\":true")) {
      throw new IllegalStateException("authorizer.jar did not allow: " + answer.line() + "\n" + answer.stderr());
    }
    return answer.nanos();
  }

  private static void requireAllow(byte[] response) {
    String json = new String(response, StandardCharsets.UTF_8);
    if (!json.contains("\"isAuthenticated\":true")) {
      throw new IllegalStateException("the authorizer did not allow: " + json);
    }
  }
}
