package io.edgegateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A figure, printed and not asserted: how long {@code spool stats} takes on a large spool (100 devices,
 * 256-byte payloads), read at rest and while a writer has the spool open. 100,000 rows by default;
 * {@code -DspoolStats.rows=1000000} for the figure in docs/SPOOL.md (about 300 MB of disk in the
 * temporary directory).
 */
class SpoolInspectorBenchmarkTest {

  private static final int DEVICES = 100;
  private static final int PAYLOAD = 256;
  private static final int ROUNDS = 3;

  @TempDir
  Path dir;

  @Test
  void printsHowLongStatsTakeOnALargeSpool() throws Exception {
    int rows = Integer.getInteger("spoolStats.rows", 100_000);
    fill(rows);
    SpoolInspector inspector = new SpoolInspector(Clock.systemUTC());
    long fileBytes = Files.size(dir.resolve(SpoolStore.FILE_NAME));

    long[] atRest = time(inspector, rows);
    SpoolOptions unbounded = SpoolOptions.defaults().withMaxMessages(rows * 2L).withMaxBytes(1L << 40);
    SpoolWriter writer = SpoolFixture.writer(dir, unbounded, Clock.systemUTC()).start();
    long[] live;
    try {
      SpoolFixture.await(writer.append(new SpooledMessage(0, "device-0", "dt/device-0", Buffer.buffer(new byte[1]),
          1, false, 0, System.currentTimeMillis(), SpooledMessage.NEVER)));
      live = time(inspector, rows + 1);
    } finally {
      SpoolFixture.await(writer.close());
    }
    System.out.printf("spool stats benchmark: %,d rows from %d devices (%d-byte payloads), database %,d bytes: "
            + "at rest min %d ms / max %d ms, with the writer open min %d ms / max %d ms (%d rounds each, "
            + "warm page cache)%n", rows, DEVICES, PAYLOAD, fileBytes, atRest[0], atRest[ROUNDS - 1], live[0],
        live[ROUNDS - 1], ROUNDS);
  }

  private long[] time(SpoolInspector inspector, long expected) throws Exception {
    inspector.inspect(dir); // warm-up: class loading, JIT, page cache
    long[] millis = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      SpoolReport report = inspector.inspect(dir);
      millis[i] = (System.nanoTime() - start) / 1_000_000;
      assertThat(report.messages()).isEqualTo(expected);
      assertThat(report.devices()).hasSize(DEVICES);
    }
    Arrays.sort(millis);
    return millis;
  }

  /** Rows as the writer stores them, inserted in large transactions to save time. */
  private void fill(int rows) throws Exception {
    try (SpoolStore store = new SpoolOpener(Clock.systemUTC()).open(dir, Durability.NORMAL).store()) {
      Buffer payload = Buffer.buffer(new byte[PAYLOAD]);
      long start = System.currentTimeMillis() - rows;
      for (int i = 0; i < rows; i++) {
        String device = "device-" + i % DEVICES;
        store.insert(i + 1, new SpooledMessage(0, device, "dt/" + device + "/telemetry", payload, 1, false, 0, start + i,
            SpooledMessage.NEVER));
        if (i % 50_000 == 49_999) {
          store.commit();
        }
      }
      store.commit();
    }
  }
}
