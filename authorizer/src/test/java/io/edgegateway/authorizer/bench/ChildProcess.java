package io.edgegateway.authorizer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a process, gives it its stdin, and times process start to the first line on its stdout. */
final class ChildProcess {
  record Answer(String line, long nanos, String stderr) {
  }

  private ChildProcess() {
  }

  static Answer firstLine(List<String> command, Path directory, Map<String, String> env, byte[] stdin)
      throws IOException, InterruptedException {
    Path stderr = Files.createTempFile("bench-stderr-", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
          .redirectError(stderr.toFile());
      builder.environment().remove("JAVA_TOOL_OPTIONS"); // its "Picked up" line, and flags we did not choose
      builder.environment().putAll(env);
      long start = System.nanoTime();
      Process process = builder.start();
      String line;
      long nanos;
      try (OutputStream in = process.getOutputStream();
          BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        in.write(stdin);
        in.close();
        line = out.readLine();
        nanos = System.nanoTime() - start;
        while (out.readLine() != null) {
          // drain until it exits
        }
      }
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not exit");
      }
      String errors = Files.readString(stderr);
      if (process.exitValue() != 0 || line == null) {
        throw new IllegalStateException(command + " exited with " + process.exitValue() + ":\n" + errors);
      }
      return new Answer(line, nanos, errors);
    } finally {
      Files.deleteIfExists(stderr);
    }
  }
}
