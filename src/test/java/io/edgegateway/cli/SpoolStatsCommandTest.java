package io.edgegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.Main;
import io.edgegateway.testing.TestSpool;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code edge-gateway spool stats} on spools written by the gateway's own spool writer. */
class SpoolStatsCommandTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final Instant T0 = NOW.minus(Duration.ofHours(2));

  @TempDir
  Path dir;

  private final List<TestSpool> spools = new ArrayList<>();

  @AfterEach
  void closeSpools() throws Exception {
    for (TestSpool s : spools) {
      s.close();
    }
  }

  record Result(int exitCode, String out, String err) {
    JsonObject json() {
      return new JsonObject(out);
    }
  }

  private static Result run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == SpoolStatsCommand.class
            ? type.cast(new SpoolStatsCommand(environment, Clock.fixed(NOW, ZoneOffset.UTC)))
            : CommandLine.defaultFactory().create(type);
      }
    });
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static Result stats(String... args) {
    String[] all = Stream.concat(Stream.of("spool", "stats"), Stream.of(args)).toArray(String[]::new);
    return run(Map.of(), all);
  }

  private TestSpool spool(Path directory) throws Exception {
    TestSpool s = TestSpool.open(directory);
    spools.add(s);
    return s;
  }

  /** sensor-b 3 messages, sensor-a 2 (holding the oldest), sensor-c 2. */
  private TestSpool threeDevices(Path directory) throws Exception {
    TestSpool s = spool(directory);
    s.appendCommitted("sensor-a", 10, T0);
    s.appendCommitted("sensor-b", 20, T0.plusSeconds(60));
    s.appendCommitted("sensor-b", 20, T0.plusSeconds(61));
    s.appendCommitted("sensor-c", 5, T0.plusSeconds(3600));
    s.appendCommitted("sensor-a", 10, T0.plusSeconds(3601));
    s.appendCommitted("sensor-b", 20, T0.plusSeconds(3602));
    s.appendCommitted("sensor-c", 5, T0.plusSeconds(7000));
    return s;
  }

  private static void assertOneLineError(Result result, int exitCode, String... parts) {
    assertThat(result.exitCode()).isEqualTo(exitCode);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).singleElement().asString()
        .startsWith("edge-gateway spool stats: ").contains(parts).doesNotContain("Exception");
  }

  @Test
  void printsTheTotalsAndEachDeviceMostMessagesFirst() throws Exception {
    threeDevices(dir);
    // sizes: sensor-a 10 + 11 + 8 = 29, sensor-b 20 + 11 + 8 = 39, sensor-c 5 + 11 + 8 = 24
    assertThat(TestSpool.size("sensor-a", 10)).isEqualTo(29);

    Result result = stats("--dir", dir.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).isEqualTo("""
        Spool     %s
        Messages  7
        Bytes     223
        Oldest    2h (7200 s), accepted 2026-01-01T10:00:00Z
        Devices   3

        MESSAGES  BYTES  OLDEST           CLIENT ID
               3    117  1h 59m (7140 s)  sensor-b
               2     58  2h (7200 s)      sensor-a
               2     48  1h (3600 s)      sensor-c
        """.formatted(dir.resolve("spool.db")));
  }

  @Test
  void printsTheSameNumbersAsJson() throws Exception {
    threeDevices(dir);

    Result result = stats("--dir", dir.toString(), "--json");

    assertThat(result.exitCode()).isZero();
    JsonObject json = result.json();
    assertThat(json.getString("database")).isEqualTo(dir.resolve("spool.db").toString());
    assertThat(json.getString("inspectedAt")).isEqualTo("2026-01-01T12:00:00Z");
    assertThat(json.getLong("messages")).isEqualTo(7);
    assertThat(json.getLong("bytes")).isEqualTo(223);
    assertThat(json.getString("oldestAcceptedAt")).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(json.getLong("oldestAgeSeconds")).isEqualTo(7200);
    assertThat(json.getInteger("devices")).isEqualTo(3);
    JsonArray devices = json.getJsonArray("perDevice");
    assertThat(devices).hasSize(3);
    assertThat(devices.getJsonObject(0)).isEqualTo(new JsonObject()
        .put("clientId", "sensor-b").put("messages", 3L).put("bytes", 117L)
        .put("oldestAcceptedAt", "2026-01-01T10:01:00Z").put("oldestAgeSeconds", 7140L));
    assertThat(devices.stream().map(d -> ((JsonObject) d).getString("clientId")))
        .containsExactly("sensor-b", "sensor-a", "sensor-c");
    assertThat(json.getJsonObject("notShown"))
        .isEqualTo(new JsonObject().put("devices", 0).put("messages", 0L).put("bytes", 0L));
  }

  @Test
  void topListsTheBusiestDevicesAndSaysHowManyWereLeftOut() throws Exception {
    threeDevices(dir);

    Result one = stats("--dir", dir.toString(), "--top", "1");
    assertThat(one.exitCode()).isZero();
    assertThat(one.out()).contains("Devices   3").contains("sensor-b")
        .doesNotContain("sensor-a").doesNotContain("sensor-c")
        .endsWith("2 more devices not shown (4 messages, 106 bytes)" + System.lineSeparator());

    Result none = stats("--dir", dir.toString(), "--top", "0");
    assertThat(none.out()).doesNotContain("CLIENT ID").contains("3 more devices not shown (7 messages, 223 bytes)");

    Result all = stats("--dir", dir.toString(), "--top", "3");
    assertThat(all.out()).contains("sensor-c").doesNotContain("not shown");

    JsonObject json = stats("--dir", dir.toString(), "--top", "2", "--json").json();
    assertThat(json.getJsonArray("perDevice")).hasSize(2);
    assertThat(json.getInteger("devices")).isEqualTo(3);
    assertThat(json.getLong("messages")).as("totals count every device").isEqualTo(7);
    assertThat(json.getJsonObject("notShown"))
        .isEqualTo(new JsonObject().put("devices", 1).put("messages", 2L).put("bytes", 48L));
  }

  @Test
  void anEmptySpool() throws Exception {
    spool(dir);

    Result text = stats("--dir", dir.toString());
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).isEqualTo("""
        Spool     %s
        Messages  0
        Bytes     0
        Oldest    - (the spool is empty)
        Devices   0
        """.formatted(dir.resolve("spool.db")));

    JsonObject json = stats("--dir", dir.toString(), "--json").json();
    assertThat(json.getLong("messages")).isZero();
    assertThat(json.getLong("bytes")).isZero();
    assertThat(json.containsKey("oldestAcceptedAt")).isTrue();
    assertThat(json.getValue("oldestAcceptedAt")).isNull();
    assertThat(json.getValue("oldestAgeSeconds")).isNull();
    assertThat(json.getJsonArray("perDevice")).isEmpty();
  }

  @Test
  void readsASpoolTheWriterIsStillAppendingTo() throws Exception {
    TestSpool spool = spool(dir);
    int size = TestSpool.size("device-0", 16);
    AtomicLong acknowledged = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread appender = new Thread(() -> {
      try {
        for (int n = 0; !stop.get(); ) {
          List<Future<Long>> batch = new ArrayList<>();
          for (int i = 0; i < 20; i++, n++) {
            batch.add(spool.append("device-" + n % 5, 16, T0.plusMillis(n)));
          }
          for (Future<Long> id : batch) {
            TestSpool.await(id);
          }
          acknowledged.addAndGet(batch.size());
          started.countDown();
        }
      } catch (Throwable e) {
        failed.set(e);
        started.countDown();
      }
    }, "test-appender");
    appender.start();
    try {
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      long previous = 0;
      for (int i = 0; i < 10; i++) {
        long before = acknowledged.get();
        Result result = stats("--dir", dir.toString(), "--json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        long messages = result.json().getLong("messages");
        assertThat(messages).isGreaterThanOrEqualTo(Math.max(before, previous));
        assertThat(result.json().getLong("bytes")).isEqualTo(messages * size);
        previous = messages;
      }
    } finally {
      stop.set(true);
      appender.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertThat(failed.get()).isNull();
    assertThat(stats("--dir", dir.toString(), "--json").json().getLong("messages")).isEqualTo(acknowledged.get());
  }

  @Test
  void findsTheSpoolThroughTheConfigurationLikeRun() throws Exception {
    Path spoolDir = dir.resolve("var/spool");
    threeDevices(spoolDir);
    Path config = Files.writeString(dir.resolve("gateway.yaml"), "spool:\n  directory: " + spoolDir + "\n");

    Result named = stats("--config", config.toString());
    assertThat(named.exitCode()).as(named.err()).isZero();
    assertThat(named.out()).contains("Spool     " + spoolDir.resolve("spool.db")).contains("Messages  7");

    // the same defaults as run: $EDGE_GATEWAY_CONFIG names the file, $STATE_DIRECTORY the directory
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "gatewayId: test\n");
    Map<String, String> service = Map.of("EDGE_GATEWAY_CONFIG", empty.toString(), "STATE_DIRECTORY", spoolDir.toString());
    Result fromEnvironment = run(service, "spool", "stats", "--json");
    assertThat(fromEnvironment.exitCode()).as(fromEnvironment.err()).isZero();
    assertThat(fromEnvironment.json().getLong("messages")).isEqualTo(7);

    // and the environment overrides keys, as for run
    Result overridden = run(Map.of("EDGE_GATEWAY_SPOOL_DIRECTORY", spoolDir.toString()),
        "spool", "stats", "--config", empty.toString(), "--json");
    assertThat(overridden.exitCode()).as(overridden.err()).isZero();
    assertThat(overridden.json().getLong("messages")).isEqualTo(7);
  }

  @Test
  void aBadConfigurationExitsWithCode2AndNamesTheKeyAndLine() throws Exception {
    Path config = Files.writeString(dir.resolve("gateway.yaml"), """
        gatewayId: test
        spool:
          maxMessages: lots
        """);
    Result result = stats("--config", config.toString());
    assertThat(result.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(result.err()).startsWith("edge-gateway: invalid configuration:")
        .contains(config + ":3: spool.maxMessages");
    assertThat(result.out()).isEmpty();

    Result missing = stats("--config", dir.resolve("absent.yaml").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(missing.err()).contains("absent.yaml: configuration file not found");
  }

  @Test
  void aMissingDirectoryExitsWithCode3AndIsNotCreated() {
    Path missing = dir.resolve("state");
    assertOneLineError(stats("--dir", missing.toString()), ExitCodes.NO_SPOOL,
        "no spool directory: " + missing + " does not exist");
    assertThat(missing).doesNotExist();
  }

  @Test
  void aMissingDatabaseExitsWithCode3AndNoFileIsCreated() throws Exception {
    Path config = Files.writeString(dir.resolve("gateway.yaml"), "spool:\n  directory: " + dir.resolve("spool") + "\n");
    Files.createDirectory(dir.resolve("spool"));

    assertOneLineError(stats("--config", config.toString()), ExitCodes.NO_SPOOL,
        "no spool database: " + dir.resolve("spool/spool.db") + " does not exist", "spool.directory of " + config,
        "--dir");
    try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aCorruptFileExitsWithCode4AndIsLeftAsItIs() throws Exception {
    byte[] junk = "not a database\n".repeat(500).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Path file = Files.write(dir.resolve("spool.db"), junk);

    assertOneLineError(stats("--dir", dir.toString()), ExitCodes.BAD_SPOOL, file + " is not a SQLite database");
    assertThat(file).hasBinaryContent(junk);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void clientIdsAreEscapedForTheTerminalButNotInJson() throws Exception {
    TestSpool spool = spool(dir);
    String hostile = "evil\u001b[2J\nline\u202e";
    spool.appendCommitted(hostile, 1, T0);

    Result text = stats("--dir", dir.toString());
    assertThat(text.out()).contains("evil\\u{001B}[2J\\u{000A}line\\u{202E}").doesNotContain("\u001b");
    assertThat(text.out().lines()).hasSize(8);

    JsonArray devices = stats("--dir", dir.toString(), "--json").json().getJsonArray("perDevice");
    assertThat(devices.getJsonObject(0).getString("clientId")).isEqualTo(hostile);
  }

  @Test
  void refusesConflictingOrBadOptions() throws Exception {
    Result both = stats("--dir", dir.toString(), "--config", "gateway.yaml");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(both.err()).startsWith("--config and --dir cannot be used together");

    Result negative = stats("--dir", dir.toString(), "--top", "-1");
    assertThat(negative.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(negative.err()).startsWith("--top must be 0 or more");

    Result notANumber = stats("--dir", dir.toString(), "--top", "ten");
    assertThat(notANumber.exitCode()).isEqualTo(ExitCodes.CONFIG);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void helpOnEachCommand() {
    Result spool = run(Map.of(), "spool", "--help");
    assertThat(spool.exitCode()).isZero();
    assertThat(spool.out()).contains("Usage: edge-gateway spool").contains("stats");

    Result stats = stats("--help");
    assertThat(stats.exitCode()).isZero();
    assertThat(stats.out()).contains("Usage: edge-gateway spool stats")
        .contains("--config=FILE", "--dir=DIR", "--json", "--top=N", "Exit codes:",
            "3   no spool directory", "4   the file is not a spool database");

    Result top = run(Map.of(), "--help");
    assertThat(top.out()).contains("spool");

    Result bare = run(Map.of(), "spool");
    assertThat(bare.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(bare.err()).contains("Missing required subcommand").contains("stats");
  }
}
