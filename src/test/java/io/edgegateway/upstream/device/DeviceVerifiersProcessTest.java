package io.edgegateway.upstream.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers in other processes (the CLI beside the gateway) share the file through its lock. */
class DeviceVerifiersProcessTest {

  private static final int PER_WRITER = 40;

  @TempDir
  Path dir;

  @Test
  void writersInThreeProcessesLoseNoEntry() throws Exception {
    List<Process> children = new ArrayList<>();
    for (String prefix : new String[] {"first-", "second-"}) {
      children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), VerifierWriterProcess.class.getName(),
          dir.toString(), prefix, Integer.toString(PER_WRITER))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }
    DeviceVerifiers here = new DeviceVerifiers(dir, Clock.systemUTC(), 1, new SecureRandom());
    for (int i = 0; i < PER_WRITER; i++) {
      here.remember("here-" + i, "client-" + i, "pw".getBytes(StandardCharsets.UTF_8));
    }
    for (Process child : children) {
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();
    }

    assertThat(here.list()).hasSize(3 * PER_WRITER);
    assertThat(here.admits("second-39", "client-39", "pw".getBytes(StandardCharsets.UTF_8), java.time.Duration.ofDays(1)))
        .isTrue();
  }
}
