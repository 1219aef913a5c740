package io.edgegateway.spool;

import static io.edgegateway.spool.SpoolFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that appends under load (SIGKILL, at a random moment) and checks that every append it
 * acknowledged is in the spool, each device's messages in order. Several runs on the same file.
 */
class SpoolCrashTest {

  @TempDir
  Path dir;

  @Test
  void everyAcknowledgedAppendSurvivesSigkill() throws Exception {
    Set<Long> acknowledged = new HashSet<>();
    for (int run = 0; run < 3; run++) {
      int killAfter = ThreadLocalRandom.current().nextInt(200, 3_000);
      acknowledged.addAll(runAndKill(run, killAfter));
    }

    SpoolOpener.Opened opened = new SpoolOpener(Clock.systemUTC()).open(dir, Durability.FULL);
    assertThat(opened.recovered()).isFalse();
    SpoolWriter spool = new SpoolWriter(opened.store(), SpoolOptions.defaults(), Clock.systemUTC()).start();
    List<SpooledMessage> stored = await(spool.readAfter(0, 1_000_000));
    await(spool.close());

    Set<Long> ids = new HashSet<>();
    Map<String, Integer> lastSeq = new HashMap<>();
    for (SpooledMessage m : stored) {
      ids.add(m.id());
      int seq = Integer.parseInt(m.payload().toString().substring("payload-".length()));
      Integer previous = lastSeq.put(m.deviceClientId(), seq);
      assertThat(previous == null ? -1 : previous).as("order of %s", m.deviceClientId()).isEqualTo(seq - 1);
    }
    assertThat(ids).containsAll(acknowledged);
    System.out.printf("crash test: %d acknowledged appends over 3 killed runs, %d rows found%n",
        acknowledged.size(), ids.size());
  }

  /** Starts the child, kills it after {@code killAfter} acknowledgements, returns every id it acknowledged. */
  private Set<Long> runAndKill(int run, int killAfter) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        SpoolCrashChild.class.getName(), dir.toString(), Integer.toString(run))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Set<Long> acknowledged = new HashSet<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acknowledged.add(Long.parseLong(line.split(" ")[1]));
          if (acknowledged.size() == killAfter) {
            // SIGKILL through the handle, which (unlike Process) leaves the pipe open: acknowledgements
            // already in it still count
            child.toHandle().destroyForcibly();
          }
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged.size()).as("acknowledgements in run %d", run).isGreaterThanOrEqualTo(killAfter);
    return acknowledged;
  }
}
