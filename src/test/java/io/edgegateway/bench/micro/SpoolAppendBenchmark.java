package io.edgegateway.bench.micro;

import io.edgegateway.spool.Durability;
import io.edgegateway.spool.SpoolOpener;
import io.edgegateway.spool.SpoolOptions;
import io.edgegateway.spool.SpoolStats;
import io.edgegateway.spool.SpoolWriter;
import io.edgegateway.spool.SpooledMessage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Spool append and commit: one invocation hands {@link #BATCH} messages (256-byte payload, QoS 1) to the
 * {@link SpoolWriter} at once and waits until every one is committed, so the writer's group commit can
 * put them in few transactions; the score counts appends (one invocation is {@link #BATCH} operations).
 * Each committed row is then deleted, as after IoT Core's PUBACK, so the spool stays small over the run
 * and the deletes ride in the next transactions, as they do in the gateway with the link up.
 *
 * <p>For SQLite {@code synchronous} FULL (the default: the WAL is synced at every commit) and NORMAL,
 * on a fresh spool in a temporary directory per trial. {@link #appendThroughput} gives appends per second,
 * {@link #appendTime} the average time per append.
 */
@State(Scope.Thread)
public class SpoolAppendBenchmark {

  /** Appends handed to the writer together, then awaited. */
  public static final int BATCH = 100;
  private static final int PAYLOAD = 256;

  @Param({"FULL", "NORMAL"})
  public Durability durability;

  private Path dir;
  private SpoolWriter spool;
  private final List<SpooledMessage> messages = new ArrayList<>();
  private final List<Future<Long>> pending = new ArrayList<>(BATCH);

  @Setup(Level.Trial)
  public void openSpool() throws Exception {
    dir = Files.createTempDirectory("spool-bench-");
    SpoolOptions options = SpoolOptions.defaults().withDurability(durability);
    spool = new SpoolWriter(new SpoolOpener(Clock.systemUTC()).open(dir, durability).store(), options,
        Clock.systemUTC()).start();
    Buffer payload = Buffer.buffer(new byte[PAYLOAD]);
    for (int i = 0; i < BATCH; i++) {
      String device = "dev-" + (i % 20);
      messages.add(new SpooledMessage(0, device, "dt/gw-plant-7/" + device + "/telemetry", payload, 1, false, 0,
          System.currentTimeMillis(), SpooledMessage.NEVER));
    }
  }

  @TearDown(Level.Trial)
  public void closeSpool() throws Exception {
    SpoolStats stats = spool.stats();
    await(spool.close());
    System.out.printf("%n[spool %s: %d appended in %d transactions, %.1f appends per transaction]%n", durability,
        stats.appended(), stats.transactions(), (double) stats.appended() / Math.max(1, stats.transactions()));
    delete(dir);
  }

  /** Appends per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public long appendThroughput() throws Exception {
    return appendBatchAndAwaitCommit();
  }

  /** Microseconds per append: the same work, timed per invocation and divided by the batch. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(BATCH)
  public long appendTime() throws Exception {
    return appendBatchAndAwaitCommit();
  }

  private long appendBatchAndAwaitCommit() throws Exception {
    pending.clear();
    for (SpooledMessage m : messages) {
      pending.add(spool.append(m));
    }
    long last = 0;
    for (Future<Long> f : pending) {
      last = await(f);
      spool.delete(last);
    }
    return last;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
