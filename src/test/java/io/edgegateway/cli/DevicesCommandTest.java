package io.edgegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.Main;
import io.edgegateway.upstream.device.DeviceVerifiers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code edge-gateway devices list} and {@code devices revoke} on verifier files written by {@link DeviceVerifiers}. */
class DevicesCommandTest {

  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
  private static final byte[] PASSWORD = "device-secret".getBytes(StandardCharsets.UTF_8);
  private static final Duration WEEK = Duration.ofDays(7);

  @TempDir
  Path dir;

  record Result(int exitCode, String out, String err) {
    JsonArray json() {
      return new JsonArray(out);
    }
  }

  private static Result run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    CommandLine cli = new CommandLine(new Main(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        if (type == DevicesListCommand.class) {
          return type.cast(new DevicesListCommand(environment, clock));
        }
        if (type == DevicesRevokeCommand.class) {
          return type.cast(new DevicesRevokeCommand(environment, clock));
        }
        return CommandLine.defaultFactory().create(type);
      }
    });
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static Result devices(String... args) {
    return run(Map.of(), Stream.concat(Stream.of("devices"), Stream.of(args)).toArray(String[]::new));
  }

  /** sensor-b accepted 2 h ago, sensor-a 8 days ago (beyond the default week). */
  private DeviceVerifiers twoDevices(Path directory) throws Exception {
    Files.createDirectories(directory);
    DeviceVerifiers v = new DeviceVerifiers(directory, Clock.fixed(NOW.minus(Duration.ofDays(8)), ZoneOffset.UTC));
    v.remember("sensor-a", "client-a", PASSWORD);
    new DeviceVerifiers(directory, Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC))
        .remember("sensor-b", "client b:1", PASSWORD);
    return v;
  }

  private Path config(Path stateDir) throws Exception {
    return Files.writeString(dir.resolve("gateway.yaml"), "spool:\n  directory: " + stateDir + "\n");
  }

  @Test
  void listsByUsernameWithTheAgeFromADirectory() throws Exception {
    twoDevices(dir);

    Result result = devices("list", "--dir", dir.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).isEqualTo("""
        USERNAME  CLIENT ID   ACCEPTED AT           AGE
        sensor-a  client-a    2026-01-02T12:00:00Z  8d (691200 s)
        sensor-b  client b:1  2026-01-10T10:00:00Z  2h (7200 s)
        """);
  }

  @Test
  void withAConfigurationSaysWhichAreWithinTheOfflineAdmission() throws Exception {
    Path state = dir.resolve("state");
    twoDevices(state);

    Result result = devices("list", "--config", config(state).toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("""
        USERNAME  CLIENT ID   ACCEPTED AT           AGE            OFFLINE ADMISSION (7d)
        sensor-a  client-a    2026-01-02T12:00:00Z  8d (691200 s)  no, expired
        sensor-b  client b:1  2026-01-10T10:00:00Z  2h (7200 s)    yes
        """);

    JsonArray json = devices("list", "--config", config(state).toString(), "--json").json();
    assertThat(json.getJsonObject(0)).isEqualTo(new JsonObject().put("username", "sensor-a")
        .put("clientId", "client-a").put("acceptedAt", "2026-01-02T12:00:00Z").put("ageSeconds", 691200L)
        .put("admittedOffline", false));
    assertThat(json.getJsonObject(1).getBoolean("admittedOffline")).isTrue();

    // the default configuration file, as for run
    Result fromEnvironment = run(Map.of("EDGE_GATEWAY_CONFIG", config(state).toString()), "devices", "list", "--json");
    assertThat(fromEnvironment.exitCode()).as(fromEnvironment.err()).isZero();
    assertThat(fromEnvironment.json()).hasSize(2);
  }

  @Test
  void listsAsJsonWithoutAConfiguration() throws Exception {
    twoDevices(dir);

    Result result = devices("list", "--dir", dir.toString(), "--json");

    assertThat(result.exitCode()).isZero();
    JsonArray json = result.json();
    assertThat(json).hasSize(2);
    assertThat(json.getJsonObject(1)).isEqualTo(new JsonObject().put("username", "sensor-b")
        .put("clientId", "client b:1").put("acceptedAt", "2026-01-10T10:00:00Z").put("ageSeconds", 7200L));
    assertThat(result.out()).doesNotContain("pbkdf2").doesNotContain("device-secret");
  }

  @Test
  void anEmptyListPrintsNothingOrAnEmptyArray() throws Exception {
    Result text = devices("list", "--dir", dir.toString());
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).isEmpty();
    assertThat(text.err()).isEmpty();

    Result json = devices("list", "--dir", dir.toString(), "--json");
    assertThat(json.exitCode()).isZero();
    assertThat(json.out().strip()).isEqualTo("[]");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("nothing is created").isEmpty();
    }
  }

  @Test
  void aMissingDirectoryExitsWithCode3AndIsNotCreated() throws Exception {
    Path missing = dir.resolve("absent");
    for (String command : new String[] {"list", "revoke"}) {
      Result result = command.equals("list")
          ? devices("list", "--dir", missing.toString())
          : devices("revoke", "--dir", missing.toString(), "sensor-a");
      assertThat(result.exitCode()).isEqualTo(ExitCodes.NO_SPOOL);
      assertThat(result.out()).isEmpty();
      assertThat(result.err().lines()).singleElement().asString()
          .isEqualTo("edge-gateway devices " + command + ": no state directory: " + missing + " does not exist");
    }
    assertThat(missing).doesNotExist();

    Result fromConfig = devices("list", "--config", config(missing).toString());
    assertThat(fromConfig.exitCode()).isEqualTo(ExitCodes.NO_SPOOL);
    assertThat(fromConfig.err()).contains("spool.directory of " + dir.resolve("gateway.yaml"), "--dir");
  }

  @Test
  void aBadConfigurationOrBadOptionsExitWithCode2() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "spool:\n  maxMessages: lots\n");
    Result config = devices("list", "--config", bad.toString());
    assertThat(config.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(config.err()).startsWith("edge-gateway: invalid configuration:").contains("spool.maxMessages");

    Result both = devices("list", "--dir", dir.toString(), "--config", bad.toString());
    assertThat(both.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(both.err()).startsWith("--config and --dir cannot be used together");

    Result nothing = devices("revoke", "--dir", dir.toString());
    assertThat(nothing.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(nothing.err()).startsWith("name the devices to revoke (USERNAME...), or give --all");

    Result allAndNames = devices("revoke", "--dir", dir.toString(), "--all", "sensor-a");
    assertThat(allAndNames.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(allAndNames.err()).startsWith("--all and USERNAME cannot be used together");
  }

  @Test
  void revokeRemovesTheNamedVerifiersWhileTheGatewayHoldsTheFile() throws Exception {
    DeviceVerifiers gateway = twoDevices(dir);
    Clock now = Clock.fixed(NOW, ZoneOffset.UTC);
    DeviceVerifiers running = new DeviceVerifiers(dir, now);
    assertThat(running.admits("sensor-b", "client b:1", PASSWORD, WEEK)).isTrue();

    Result result = devices("revoke", "--dir", dir.toString(), "sensor-b");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("revoked sensor-b" + System.lineSeparator());
    assertThat(running.admits("sensor-b", "client b:1", PASSWORD, WEEK)).as("at once in the running gateway").isFalse();
    assertThat(gateway.list()).extracting(DeviceVerifiers.Entry::username).containsExactly("sensor-a");

    // the gateway goes on remembering devices beside the CLI
    running.remember("sensor-c", "client-c", PASSWORD);
    assertThat(devices("list", "--dir", dir.toString(), "--json").json()).hasSize(2);
  }

  @Test
  void revokingAnUnknownUsernameExitsWith7AndStillRevokesTheOthers() throws Exception {
    DeviceVerifiers v = twoDevices(dir);

    Result result = devices("revoke", "--dir", dir.toString(), "ghost", "sensor-a");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.NO_VERIFIER);
    assertThat(result.out()).isEqualTo("revoked sensor-a" + System.lineSeparator());
    assertThat(result.err()).isEqualTo(
        "edge-gateway devices revoke: no verifier for ghost (see 'devices list')" + System.lineSeparator());
    assertThat(v.list()).extracting(DeviceVerifiers.Entry::username).containsExactly("sensor-b");

    Result noFile = devices("revoke", "--dir", Files.createDirectory(dir.resolve("empty")).toString(), "sensor-a");
    assertThat(noFile.exitCode()).isEqualTo(ExitCodes.NO_VERIFIER);
    try (Stream<Path> files = Files.list(dir.resolve("empty"))) {
      assertThat(files).as("nothing is created").isEmpty();
    }
  }

  @Test
  void revokeAllRemovesEveryVerifier() throws Exception {
    DeviceVerifiers v = twoDevices(dir);

    Result result = devices("revoke", "--dir", dir.toString(), "--all");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("revoked 2 verifiers" + System.lineSeparator());
    assertThat(v.list()).isEmpty();

    Result again = devices("revoke", "--dir", dir.toString(), "--all");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).isEqualTo("revoked 0 verifiers" + System.lineSeparator());
  }

  @Test
  void namesAreEscapedForTheTerminalButNotInJson() throws Exception {
    String hostile = "evil\u001b[2J\nline";
    new DeviceVerifiers(dir, Clock.fixed(NOW, ZoneOffset.UTC)).remember(hostile, "c", PASSWORD);

    Result text = devices("list", "--dir", dir.toString());
    assertThat(text.out()).contains("evil\\u{001B}[2J\\u{000A}line").doesNotContain("\u001b");
    assertThat(devices("list", "--dir", dir.toString(), "--json").json().getJsonObject(0).getString("username"))
        .isEqualTo(hostile);

    Result revoked = devices("revoke", "--dir", dir.toString(), hostile);
    assertThat(revoked.exitCode()).isZero();
    assertThat(revoked.out()).doesNotContain("\u001b");
  }

  @Test
  void helpOnEachCommand() {
    Result devices = run(Map.of(), "devices", "--help");
    assertThat(devices.exitCode()).isZero();
    assertThat(devices.out()).contains("Usage: edge-gateway devices").contains("list").contains("revoke");

    Result list = devices("list", "--help");
    assertThat(list.out()).contains("--config=FILE", "--dir=DIR", "--json", "Exit codes:", "3   the state directory");

    Result revoke = devices("revoke", "--help");
    assertThat(revoke.out()).contains("--all", "USERNAME", "7   a USERNAME named has no verifier");

    assertThat(run(Map.of(), "--help").out()).contains("devices");
    Result bare = run(Map.of(), "devices");
    assertThat(bare.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(bare.err()).contains("Missing required subcommand");
  }
}
