package io.edgegateway.local.auth;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the real Mosquitto programs. Tests that need them fail, with a message that says
 * how to install them, when they are missing: interoperability is a requirement, not an option.
 */
final class MosquittoTools {
  private static final List<String> DIRS =
      List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin");

  private MosquittoTools() {
  }

  static Path mosquitto() {
    return find("mosquitto");
  }

  static Path mosquittoPasswd() {
    return find("mosquitto_passwd");
  }

  private static Path find(String name) {
    List<String> dirs = new ArrayList<>(DIRS);
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(":")));
    }
    for (String dir : dirs) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail(name + " is not installed; these interoperability tests need the real Mosquitto "
        + "(Debian/Ubuntu: apt-get install -y mosquitto)");
  }

  /** The exit code and output of a finished program. */
  record Run(int exitCode, String output) {
  }

  /**
   * Runs {@code mosquitto_passwd} with these arguments. The command goes through a UTF-8 shell
   * script so that non-ASCII arguments reach it byte for byte, whatever the JVM's locale.
   */
  static Run mosquittoPasswd(Path workDir, String... args) throws IOException, InterruptedException {
    StringBuilder script = new StringBuilder("exec ").append(quote(mosquittoPasswd().toString()));
    for (String arg : args) {
      script.append(' ').append(quote(arg));
    }
    Path file = Files.createTempFile(workDir, "mosquitto_passwd", ".sh");
    Files.writeString(file, script.append('\n').toString(), StandardCharsets.UTF_8);
    Process process = new ProcessBuilder("/bin/sh", file.toString())
        .redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        return fail("mosquitto_passwd did not finish: " + output);
      }
      return new Run(process.exitValue(), output);
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(file);
    }
  }

  private static String quote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
