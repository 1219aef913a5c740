package io.edgegateway.spool;

import static io.edgegateway.spool.SpoolFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small figure, printed and not asserted: durable appends per second with 100 devices, each waiting
 * for its acknowledgement before it publishes again (like a QoS 1 device with one message in flight),
 * commit latency, and bytes written to disk per payload byte (as the spool's own statistics count them:
 * WAL frames, checkpoints and WAL index), for synchronous=FULL and NORMAL, with the link down (messages
 * stay) and up (each message is deleted once stored, as after IoT Core's PUBACK).
 */
class SpoolBenchmarkTest {

  private static final int DEVICES = 100;
  private static final int PER_DEVICE = 300;
  private static final int PAYLOAD = 256;

  @TempDir
  Path dir;

  @Test
  void printsAppendThroughputAndCommitLatency() throws Exception {
    for (Durability durability : Durability.values()) {
      for (boolean linkUp : new boolean[] {false, true}) {
        Path sub = dir.resolve(durability.name() + linkUp);
        run(sub, durability, linkUp, false); // warm-up: JIT, file creation
        Files.walk(sub).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        run(sub, durability, linkUp, true);
      }
    }
  }

  private void run(Path sub, Durability durability, boolean linkUp, boolean print) throws Exception {
    SpoolOptions options = SpoolOptions.defaults().withDurability(durability);
    SpoolWriter spool = SpoolFixture.writer(sub, options, Clock.systemUTC()).start();
    long[] latencies = new long[DEVICES * PER_DEVICE];
    AtomicInteger next = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    AtomicInteger finished = new AtomicInteger();
    long start = System.nanoTime();
    for (int d = 0; d < DEVICES; d++) {
      publish(spool, "device-" + d, 0, linkUp, latencies, next, finished, done);
    }
    await(done.future());
    double seconds = (System.nanoTime() - start) / 1e9;
    await(spool.readAfter(0, 1)); // the last deletes are written
    SpoolStats stats = spool.stats();
    long diskBytes = stats.bytesWritten();
    await(spool.close());
    assertThat(stats.appended()).isEqualTo(DEVICES * PER_DEVICE);
    if (print) {
      Arrays.sort(latencies);
      System.out.printf("spool benchmark (synchronous=%s, link %s): %d devices x %d appends of %d bytes: %.0f appends/s, "
          + "commit latency p50 %.2f ms, p99 %.2f ms, %d transactions (%.1f appends each), "
          + "disk bytes written per payload byte %s; the spool's histogram puts p99 under %d us%n", durability,
          linkUp ? "up" : "down", DEVICES, PER_DEVICE, PAYLOAD,
          latencies.length / seconds, latencies[latencies.length / 2] / 1e6, latencies[latencies.length * 99 / 100] / 1e6,
          stats.transactions(), (double) stats.appended() / stats.transactions(),
          diskBytes < 0 ? "n/a" : String.format("%.2f", (double) diskBytes / ((long) PAYLOAD * latencies.length)),
          stats.commitLatency().upperBoundMicros(0.99));
    }
  }

  private static void publish(SpoolWriter spool, String device, int seq, boolean linkUp, long[] latencies,
      AtomicInteger next, AtomicInteger finished, Promise<Void> done) {
    if (seq == PER_DEVICE) {
      if (finished.incrementAndGet() == DEVICES) {
        done.complete();
      }
      return;
    }
    SpooledMessage m = new SpooledMessage(0, device, "dt/" + device + "/telemetry", Buffer.buffer(new byte[PAYLOAD]),
        1, false, 0, System.currentTimeMillis(), SpooledMessage.NEVER);
    long sent = System.nanoTime();
    spool.append(m).onComplete(ar -> {
      latencies[next.getAndIncrement()] = System.nanoTime() - sent;
      if (linkUp) {
        spool.delete(ar.result());
      }
      publish(spool, device, seq + 1, linkUp, latencies, next, finished, done);
    });
  }
}
