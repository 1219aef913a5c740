package io.edgegateway.spool;

import static io.edgegateway.spool.SpoolFixture.await;
import static io.edgegateway.spool.SpoolFixture.writer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.edgegateway.spool.SpoolInspector.InspectionException;
import io.edgegateway.spool.SpoolInspector.Problem;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a spool written by the real writer, read-only, while it writes and after it stopped. */
class SpoolInspectorTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final Instant T0 = NOW.minus(Duration.ofHours(2));

  @TempDir
  Path dir;

  private final SpoolInspector inspector = new SpoolInspector(Clock.fixed(NOW, ZoneOffset.UTC));
  private final List<SpoolWriter> writers = new ArrayList<>();

  @AfterEach
  void closeWriters() throws Exception {
    for (SpoolWriter w : writers) {
      await(w.close());
    }
  }

  private SpoolWriter started(Path directory) throws Exception {
    // no sweep while a test runs: only the test's own appends write
    SpoolOptions options = SpoolOptions.defaults().withMaxMessages(10_000_000).withSweepInterval(Duration.ofDays(1));
    SpoolWriter w = writer(directory, options, Clock.systemUTC()).start();
    writers.add(w);
    return w;
  }

  private static SpooledMessage message(String device, int payloadBytes, Instant acceptedAt) {
    return new SpooledMessage(0, device, "dt/" + device, Buffer.buffer(new byte[payloadBytes]), 1, false, 0,
        acceptedAt.toEpochMilli(), SpooledMessage.NEVER);
  }

  /** Three devices: "b" 3 messages, "a" 2 (the oldest), "c" 2; sizes are payload + topic + client id. */
  private static void writeThreeDevices(SpoolWriter spool) throws Exception {
    List<io.vertx.core.Future<Long>> ids = new ArrayList<>();
    ids.add(spool.append(message("a", 10, T0)));
    ids.add(spool.append(message("b", 20, T0.plusSeconds(60))));
    ids.add(spool.append(message("b", 20, T0.plusSeconds(61))));
    ids.add(spool.append(message("c", 5, T0.plusSeconds(3600))));
    ids.add(spool.append(message("a", 10, T0.plusSeconds(3601))));
    ids.add(spool.append(message("b", 20, T0.plusSeconds(3602))));
    ids.add(spool.append(message("c", 5, T0.plusSeconds(7000))));
    for (io.vertx.core.Future<Long> id : ids) {
      await(id);
    }
  }

  private static void assertThreeDevices(SpoolReport report) {
    // sizes: a 10+4+1 = 15, b 20+4+1 = 25, c 5+4+1 = 10
    assertThat(report.messages()).isEqualTo(7);
    assertThat(report.bytes()).isEqualTo(2 * 15 + 3 * 25 + 2 * 10);
    assertThat(report.oldestAcceptedAt()).contains(T0);
    assertThat(report.oldestAge()).contains(Duration.ofHours(2));
    assertThat(report.inspectedAt()).isEqualTo(NOW);
    assertThat(report.devices())
        .extracting(SpoolReport.DeviceTotals::clientId, SpoolReport.DeviceTotals::messages,
            SpoolReport.DeviceTotals::bytes, SpoolReport.DeviceTotals::oldestAcceptedAt)
        .containsExactly(
            tuple("b", 3L, 75L, T0.plusSeconds(60)),
            tuple("a", 2L, 30L, T0),
            tuple("c", 2L, 20L, T0.plusSeconds(3600)));
  }

  @Test
  void readsTheTotalsWhileTheWriterHasTheSpoolOpen() throws Exception {
    writeThreeDevices(started(dir));
    assertThat(dir.resolve("spool.db-wal")).as("the writer's WAL holds the rows").exists();

    assertThreeDevices(inspector.inspect(dir));
  }

  @Test
  void readsAClosedSpoolWithoutCreatingOrChangingAFile() throws Exception {
    SpoolWriter spool = started(dir);
    writeThreeDevices(spool);
    await(spool.close());
    writers.clear();
    Map<String, String> before = contents(dir);
    assertThat(before).containsOnlyKeys(SpoolStore.FILE_NAME);

    assertThreeDevices(inspector.inspect(dir));
    assertThat(contents(dir)).isEqualTo(before);
  }

  @Test
  void anEmptySpoolHasNoOldestMessageAndNoDevices() throws Exception {
    started(dir);
    SpoolReport report = inspector.inspect(dir);
    assertThat(report.messages()).isZero();
    assertThat(report.bytes()).isZero();
    assertThat(report.oldestAcceptedAt()).isEmpty();
    assertThat(report.oldestAge()).isEmpty();
    assertThat(report.devices()).isEmpty();
    assertThat(report.database()).isEqualTo(dir.resolve(SpoolStore.FILE_NAME));
  }

  @Test
  void seesEveryAcknowledgedAppendWhileTheWriterKeepsAppending() throws Exception {
    SpoolWriter spool = started(dir);
    int size = message("device-0", 32, T0).size();
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong submitted = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    CountDownLatch warmedUp = new CountDownLatch(1);
    Thread appender = new Thread(() -> {
      try {
        for (int n = 0; !stop.get(); ) {
          List<io.vertx.core.Future<Long>> batch = new ArrayList<>();
          for (int i = 0; i < 50; i++, n++) {
            submitted.incrementAndGet();
            batch.add(spool.append(message("device-" + n % 7, 32, T0.plusMillis(n))));
          }
          for (io.vertx.core.Future<Long> id : batch) {
            await(id);
          }
          if (acknowledged.addAndGet(batch.size()) >= 500) {
            warmedUp.countDown();
          }
        }
      } catch (Throwable e) {
        failed.set(e);
        warmedUp.countDown();
      }
    }, "test-appender");
    appender.start();
    try {
      assertThat(warmedUp.await(30, TimeUnit.SECONDS)).isTrue();
      long previous = 0;
      for (int i = 0; i < 30; i++) {
        long committedBefore = acknowledged.get();
        SpoolReport report = inspector.inspect(dir);
        long submittedAfter = submitted.get();
        // every append acknowledged before the read began is in it (an acknowledged message is committed);
        // nothing that was not yet submitted is
        assertThat(report.messages()).isBetween(committedBefore, submittedAfter).isGreaterThanOrEqualTo(previous);
        // counts and bytes come from the same rows: one snapshot
        assertThat(report.bytes()).isEqualTo(report.messages() * size);
        assertThat(report.devices()).allSatisfy(d -> assertThat(d.bytes()).isEqualTo(d.messages() * size));
        assertThat(report.devices().stream().mapToLong(SpoolReport.DeviceTotals::messages).sum())
            .isEqualTo(report.messages());
        assertThat(report.oldestAcceptedAt()).contains(T0);
        previous = report.messages();
      }
    } finally {
      stop.set(true);
      appender.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertThat(failed.get()).isNull();
    assertThat(inspector.inspect(dir).messages()).isEqualTo(acknowledged.get()).isEqualTo(submitted.get());
  }

  @Test
  void readsTheWalThatAWriterLeftBehindWithoutChangingTheDatabaseOrTheWal() throws Exception {
    SpoolWriter spool = started(dir);
    writeThreeDevices(spool);
    // the files as a crash would leave them: copied on the writer thread, between its transactions
    Path crashed = dir.resolve("crashed");
    Files.createDirectory(crashed);
    await(spool.maintenance(store -> copyTree(dir, crashed)));
    assertThat(crashed.resolve("spool.db-wal")).isNotEmptyFile();
    String database = digest(crashed.resolve(SpoolStore.FILE_NAME));
    String wal = digest(crashed.resolve("spool.db-wal"));

    assertThreeDevices(inspector.inspect(crashed));
    assertThat(digest(crashed.resolve(SpoolStore.FILE_NAME))).isEqualTo(database);
    assertThat(digest(crashed.resolve("spool.db-wal"))).isEqualTo(wal);

    // without the shared-memory index, SQLite rebuilds it in a new -shm file; the data files stay untouched
    Files.delete(crashed.resolve("spool.db-shm"));
    assertThreeDevices(inspector.inspect(crashed));
    assertThat(digest(crashed.resolve(SpoolStore.FILE_NAME))).isEqualTo(database);
    assertThat(digest(crashed.resolve("spool.db-wal"))).isEqualTo(wal);
    assertThat(crashed.resolve("spool.db-shm")).exists();
  }

  @Test
  void readsAgainThroughTheWalWhenTheGatewayStartsDuringARead() throws Exception {
    SpoolWriter first = started(dir);
    writeThreeDevices(first);
    await(first.close());
    writers.clear();
    assertThat(dir.resolve("spool.db-wal")).doesNotExist();
    // the clock is read when the rows have been read: a gateway starts just then and appends a message
    AtomicBoolean gatewayStarted = new AtomicBoolean();
    Clock startsTheGateway = new Clock() {
      @Override
      public Instant instant() {
        if (gatewayStarted.compareAndSet(false, true)) {
          try {
            await(started(dir).append(message("late", 1, NOW)));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
        return NOW;
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }
    };

    SpoolReport report = new SpoolInspector(startsTheGateway).inspect(dir);

    assertThat(gatewayStarted).isTrue();
    assertThat(report.messages()).isEqualTo(8);
    assertThat(report.devices()).extracting(SpoolReport.DeviceTotals::clientId).contains("late");
  }

  @Test
  void aMissingDirectoryIsReportedAndNotCreated() {
    Path missing = dir.resolve("no/such/spool");
    assertProblem(missing, Problem.MISSING, "no spool directory: " + missing + " does not exist");
    assertThat(dir.resolve("no")).doesNotExist();
  }

  @Test
  void aDirectoryWithoutADatabaseIsReportedAndNoFileIsCreated() throws Exception {
    assertProblem(dir, Problem.MISSING, "no spool database: " + dir.resolve(SpoolStore.FILE_NAME) + " does not exist");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aFileInsteadOfADirectoryIsReported() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    assertProblem(file, Problem.MISSING, file + " is not a directory");
  }

  @Test
  void aFileThatIsNotADatabaseIsReportedAndLeftAsItIs() throws Exception {
    byte[] junk = "this is not a database, it is a text file long enough to look like a header\n"
        .repeat(100).getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve(SpoolStore.FILE_NAME), junk);
    Map<String, String> before = contents(dir);

    assertProblem(dir, Problem.NOT_A_SPOOL, dir.resolve(SpoolStore.FILE_NAME) + " is not a SQLite database");
    assertThat(contents(dir)).isEqualTo(before);
  }

  @Test
  void aSpoolWithDamagedPagesIsReportedAsCorruptAndLeftAsItIs() throws Exception {
    SpoolWriter spool = started(dir);
    for (int i = 0; i < 2_000; i++) {
      spool.append(message("device-" + i % 50, 100, T0));
    }
    await(spool.append(message("last", 1, T0)));
    await(spool.close());
    writers.clear();
    Path file = dir.resolve(SpoolStore.FILE_NAME);
    long size = SpoolFixture.damagePages(dir);
    Map<String, String> before = contents(dir);

    assertProblem(dir, Problem.NOT_A_SPOOL, file + " is corrupt");
    assertThat(contents(dir)).isEqualTo(before);
  }

  @Test
  void anotherSqliteDatabaseIsNotASpool() throws Exception {
    Path file = dir.resolve(SpoolStore.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE notes (text TEXT)");
    }
    assertProblem(dir, Problem.NOT_A_SPOOL, file + " is a SQLite database but not a spool: it has no table messages");

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY, device_client_id TEXT, payload BLOB)");
    }
    assertProblem(dir, Problem.NOT_A_SPOOL, "its table messages has no column size, accepted_at");
  }

  @Test
  void aDirectoryNameWithSpacesAndUriCharactersWorks() throws Exception {
    Path odd = Files.createDirectories(dir.resolve("spool dir #1 &c=d %20 ü"));
    SpoolWriter spool = started(odd);
    writeThreeDevices(spool);
    assertThreeDevices(inspector.inspect(odd));
    await(spool.close());
    writers.clear();
    // and a '?'
    Path moved = Files.move(odd, dir.resolve("moved ?mode=rw&immutable=0"));
    assertThreeDevices(inspector.inspect(moved));
  }

  private void assertProblem(Path directory, Problem problem, String message) {
    assertThatThrownBy(() -> inspector.inspect(directory))
        .isInstanceOfSatisfying(InspectionException.class, e -> assertThat(e.problem()).isEqualTo(problem))
        .message().contains(message).doesNotContain("\n");
  }

  /** Every file under {@code root}: relative name to a digest of its content. */
  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), digest(p));
      }
    }
    return out;
  }

  private static String digest(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.list(from)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
