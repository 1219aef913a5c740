package io.edgegateway.upstream.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class DeviceVerifiersTest {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final Duration WEEK = Duration.ofDays(7);
  private static final byte[] PASSWORD = "s3cret-Passw0rd".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(T0);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger fileLogger = (Logger) LoggerFactory.getLogger(VerifierFile.class);

  @BeforeEach
  void captureLogs() {
    log.start();
    fileLogger.addAppender(log);
  }

  @AfterEach
  void releaseLogs() {
    fileLogger.detachAppender(log);
  }

  private DeviceVerifiers verifiers() {
    return new DeviceVerifiers(dir, clock, 50, new SecureRandom());
  }

  private Path file() {
    return dir.resolve(DeviceVerifiers.FILE_NAME);
  }

  private List<String> warnings() {
    return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void admitsTheRememberedCredentialsAfterAFreshRead() throws Exception {
    verifiers().remember("sensor-1", "client-1", PASSWORD);

    DeviceVerifiers other = verifiers();
    assertThat(other.admits("sensor-1", "client-1", PASSWORD, WEEK)).isTrue();
    assertThat(other.list()).containsExactly(new DeviceVerifiers.Entry("sensor-1", "client-1", T0));
  }

  @Test
  void theDefaultConstructorUsesTheDefaultIterations() throws Exception {
    new DeviceVerifiers(dir, clock).remember("u", "c", PASSWORD);
    assertThat(Files.readString(file())).contains(" pbkdf2-sha512 " + DeviceVerifiers.DEFAULT_ITERATIONS + " ");
    assertThat(new DeviceVerifiers(dir, clock).admits("u", "c", PASSWORD, WEEK)).isTrue();
  }

  @Test
  void refusesAWrongPasswordAnUnknownUserAndAnotherClientId() throws Exception {
    DeviceVerifiers v = verifiers();
    v.remember("sensor-1", "client-1", PASSWORD);

    assertThat(v.admits("sensor-1", "client-1", "s3cret-Passw0rD".getBytes(StandardCharsets.UTF_8), WEEK)).isFalse();
    assertThat(v.admits("sensor-1", "client-1", new byte[0], WEEK)).isFalse();
    assertThat(v.admits("sensor-2", "client-1", PASSWORD, WEEK)).isFalse();
    assertThat(v.admits("sensor-1", "client-2", PASSWORD, WEEK)).isFalse();
    assertThat(v.admits("sensor-1", "client-1", PASSWORD, WEEK)).isTrue();
  }

  @Test
  void expiresByTheClock() throws Exception {
    DeviceVerifiers v = verifiers();
    v.remember("sensor-1", "client-1", PASSWORD);

    clock.advance(WEEK);
    assertThat(v.admits("sensor-1", "client-1", PASSWORD, WEEK)).as("exactly maxAge").isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(v.admits("sensor-1", "client-1", PASSWORD, WEEK)).isFalse();
    assertThat(v.admits("sensor-1", "client-1", PASSWORD, WEEK.plusDays(1))).isTrue();
  }

  @Test
  void aClockSetBackByLessThanMaxAgeStillAdmitsAndByMoreDoesNot() throws Exception {
    DeviceVerifiers v = verifiers();
    v.remember("sensor-1", "client-1", PASSWORD);

    clock.set(T0.minus(Duration.ofDays(1)));
    assertThat(v.admits("sensor-1", "client-1", PASSWORD, WEEK)).isTrue();
    assertThat(v.removeExpired(WEEK)).isZero();
    clock.set(T0.minus(Duration.ofDays(30)));
    assertThat(v.admits("sensor-1", "client-1", PASSWORD, WEEK)).isFalse();
    assertThat(v.removeExpired(WEEK)).as("a time ahead of the clock is not expired").isZero();
  }

  @Test
  void aZeroMaxAgeAdmitsNobody() throws Exception {
    DeviceVerifiers v = verifiers();
    v.remember("sensor-1", "client-1", PASSWORD);

    assertThat(v.admits("sensor-1", "client-1", PASSWORD, Duration.ZERO)).isFalse();
    assertThatThrownBy(() -> v.admits("sensor-1", "client-1", PASSWORD, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rememberingTheSamePasswordKeepsTheHashAndMovesTheTime() throws Exception {
    DeviceVerifiers v = verifiers();
    v.remember("sensor-1", "client-1", PASSWORD);
    String hashBefore = hashField();

    clock.advance(Duration.ofDays(3));
    v.remember("sensor-1", "client-1", PASSWORD);

    assertThat(hashField()).isEqualTo(hashBefore);
    assertThat(v.list()).containsExactly(new DeviceVerifiers.Entry("sensor-1", "client-1", T0.plus(Duration.ofDays(3))));
    clock.advance(WEEK);
    assertThat(v.admits("sensor-1", "client-1", PASSWORD, WEEK)).isTrue();
  }

  @Test
  void aNewPasswordOrClientIdReplacesTheVerifier() throws Exception {
    DeviceVerifiers v = verifiers();
    v.remember("sensor-1", "client-1", PASSWORD);
    String first = hashField();
    byte[] newPassword = "rotated".getBytes(StandardCharsets.UTF_8);

    v.remember("sensor-1", "client-1", newPassword);
    String second = hashField();
    assertThat(second).isNotEqualTo(first);
    assertThat(v.admits("sensor-1", "client-1", PASSWORD, WEEK)).isFalse();
    assertThat(v.admits("sensor-1", "client-1", newPassword, WEEK)).isTrue();

    v.remember("sensor-1", "client-2", newPassword);
    assertThat(hashField()).as("a new salt for a new client id").isNotEqualTo(second);
    assertThat(v.admits("sensor-1", "client-1", newPassword, WEEK)).isFalse();
    assertThat(v.admits("sensor-1", "client-2", newPassword, WEEK)).isTrue();
    assertThat(v.list()).hasSize(1);
  }

  @Test
  void entriesOfAnotherIterationCountStillVerify() throws Exception {
    new DeviceVerifiers(dir, clock, 7, new SecureRandom()).remember("old", "c", PASSWORD);
    DeviceVerifiers v = verifiers();
    v.remember("new", "c", PASSWORD);

    assertThat(Files.readString(file())).contains(" pbkdf2-sha512 7 ").contains(" pbkdf2-sha512 50 ");
    assertThat(v.admits("old", "c", PASSWORD, WEEK)).isTrue();
    assertThat(v.admits("new", "c", PASSWORD, WEEK)).isTrue();
  }

  @Test
  void revokeAndRevokeAll() throws Exception {
    DeviceVerifiers v = verifiers();
    v.remember("a", "ca", PASSWORD);
    v.remember("b", "cb", PASSWORD);
    v.remember("c", "cc", PASSWORD);

    assertThat(v.revoke("b")).isTrue();
    assertThat(v.revoke("b")).isFalse();
    assertThat(v.admits("b", "cb", PASSWORD, WEEK)).isFalse();
    assertThat(v.list()).extracting(DeviceVerifiers.Entry::username).containsExactly("a", "c");

    assertThat(v.revokeAll()).isEqualTo(2);
    assertThat(v.list()).isEmpty();
    assertThat(v.revokeAll()).isZero();
    assertThat(v.admits("a", "ca", PASSWORD, WEEK)).isFalse();
  }

  @Test
  void withoutAFileThereAreNoVerifiersAndRemovingCreatesNothing() throws Exception {
    DeviceVerifiers v = verifiers();
    assertThat(v.list()).isEmpty();
    assertThat(v.admits("a", "c", PASSWORD, WEEK)).isFalse();
    assertThat(v.revoke("a")).isFalse();
    assertThat(v.revokeAll()).isZero();
    assertThat(v.removeExpired(WEEK)).isZero();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void removeExpiredKeepsTheFreshOnes() throws Exception {
    DeviceVerifiers v = verifiers();
    v.remember("old", "c", PASSWORD);
    clock.advance(Duration.ofDays(5));
    v.remember("new", "c", PASSWORD);
    clock.advance(Duration.ofDays(3));

    assertThat(v.removeExpired(WEEK)).isEqualTo(1);
    assertThat(v.list()).extracting(DeviceVerifiers.Entry::username).containsExactly("new");
    assertThat(v.removeExpired(Duration.ZERO)).isEqualTo(1);
    assertThat(v.list()).isEmpty();
  }

  @Test
  void anyUsernameAndClientIdSurviveTheFile() throws Exception {
    DeviceVerifiers v = verifiers();
    List<String> names = List.of("a:b c", "ünï cödé ☃ 𝄞", "", "%41", "line\nbreak\r", "tab\tx", "user@example.com",
        " lead", "trail ");
    for (String name : names) {
      v.remember(name, "client " + name + " :x", PASSWORD);
    }

    DeviceVerifiers other = verifiers();
    assertThat(other.list()).extracting(DeviceVerifiers.Entry::username).containsExactlyInAnyOrderElementsOf(names);
    for (String name : names) {
      assertThat(other.admits(name, "client " + name + " :x", PASSWORD, WEEK)).as(name).isTrue();
    }
    assertThat(Files.readAllLines(file())).hasSize(names.size() + 1);
    assertThat(warnings()).isEmpty();
    assertThatThrownBy(() -> v.remember("bad\uD800", "c", PASSWORD)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("username");
  }

  @Test
  void theFileHasAHeaderAndNeverThePassword() throws Exception {
    DeviceVerifiers v = verifiers();
    v.remember("sensor-1", "client-1", PASSWORD);
    v.remember("sensor-2", "client-2", PASSWORD);

    byte[] content = Files.readAllBytes(file());
    String text = new String(content, StandardCharsets.UTF_8);
    assertThat(text).startsWith(VerifierFormat.HEADER + "\n").doesNotContain("s3cret");
    assertThat(indexOf(content, PASSWORD)).isNegative();
    String[] fields = text.lines().skip(1).findFirst().orElseThrow().split(" ");
    assertThat(fields).hasSize(7);
    assertThat(fields[0]).isEqualTo("sensor-1");
    assertThat(fields[2]).isEqualTo("2026-03-01T08:00:00Z");
  }

  @Test
  void theFileIsOwnerOnlyEvenAfterItsModeWasWidened() throws Exception {
    DeviceVerifiers v = verifiers();
    v.remember("sensor-1", "client-1", PASSWORD);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(DeviceVerifiers.LOCK_FILE_NAME))))
        .isEqualTo("rw-------");

    Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
    v.remember("sensor-2", "client-2", PASSWORD);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
  }

  @Test
  void twoInstancesAndManyThreadsLoseNoEntry() throws Exception {
    DeviceVerifiers first = verifiers();
    DeviceVerifiers second = new DeviceVerifiers(dir, clock, 1, new SecureRandom());
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        DeviceVerifiers v = t % 2 == 0 ? first : second;
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            v.remember("device-" + thread + "-" + i, "client-" + thread + "-" + i, PASSWORD);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    List<String> expected = IntStream.range(0, threads).boxed()
        .flatMap(t -> IntStream.range(0, perThread).mapToObj(i -> "device-" + t + "-" + i))
        .sorted().collect(Collectors.toList());
    assertThat(verifiers().list()).extracting(DeviceVerifiers.Entry::username).containsExactlyElementsOf(expected);
    assertThat(first.admits("device-3-24", "client-3-24", PASSWORD, WEEK)).isTrue();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temporary file is left behind")
          .containsExactlyInAnyOrder(DeviceVerifiers.FILE_NAME, DeviceVerifiers.LOCK_FILE_NAME);
    }
  }

  @Test
  void damagedLinesAreSkippedReportedByNumberAndNeverAdmit() throws Exception {
    DeviceVerifiers v = verifiers();
    v.remember("good", "c", PASSWORD);
    v.remember("victim", "c", PASSWORD);
    List<String> lines = new ArrayList<>(Files.readAllLines(file()));
    String victim = lines.get(2);
    String hash = victim.substring(victim.lastIndexOf(' ') + 1);
    String flippedHash = (hash.charAt(0) == 'A' ? "B" : "A") + hash.substring(1);
    lines.set(2, victim.substring(0, victim.lastIndexOf(' ') + 1) + flippedHash.substring(0, 20)); // cut short
    lines.add("garbage without fields");
    lines.add("extra " + victim); // 8 fields
    lines.add(victim.replace(" pbkdf2-sha512 50 ", " pbkdf2-sha512 0 "));
    lines.add(victim.replace("2026-03-01T08:00:00Z", "yesterday"));
    lines.add(victim.replace("victim ", "vict%ZZim "));
    lines.add(victim.replace("victim ", "vi ctim ")); // a raw space: 8 fields
    lines.add(lines.get(1)); // a second "good"
    Files.write(file(), lines);

    assertThat(v.admits("victim", "c", PASSWORD, WEEK)).isFalse();
    assertThat(v.admits("good", "c", PASSWORD, WEEK)).isTrue();
    assertThat(v.list()).extracting(DeviceVerifiers.Entry::username).containsExactly("good");

    List<String> warnings = warnings();
    assertThat(warnings).hasSize(3); // one per read
    assertThat(warnings.get(0)).contains("skipped 8 damaged lines [3, 4, 5, 6, 7, 8, 9, 10]")
        .contains("line 3: the hash is not 64 bytes").doesNotContain(hash.substring(0, 12)).doesNotContain(flippedHash.substring(0, 12));

    v.remember("other", "c", PASSWORD);
    assertThat(Files.readAllLines(file())).hasSize(3);
    log.list.clear();
    assertThat(v.list()).extracting(DeviceVerifiers.Entry::username).containsExactly("good", "other");
    assertThat(warnings()).isEmpty();
  }

  @Test
  void aTamperedHashOrSaltParsesButAdmitsNobody() throws Exception {
    verifiers().remember("u", "c", PASSWORD);
    List<String> lines = Files.readAllLines(file());
    String[] f = lines.get(1).split(" ");
    f[6] = (f[6].charAt(0) == 'A' ? "B" : "A") + f[6].substring(1);
    Files.write(file(), List.of(lines.get(0), String.join(" ", f)));
    assertThat(verifiers().admits("u", "c", PASSWORD, WEEK)).isFalse();

    f = lines.get(1).split(" ");
    f[5] = (f[5].charAt(0) == 'A' ? "B" : "A") + f[5].substring(1);
    Files.write(file(), List.of(lines.get(0), String.join(" ", f)));
    assertThat(verifiers().admits("u", "c", PASSWORD, WEEK)).isFalse();
    assertThat(warnings()).isEmpty();
  }

  @Test
  void aMissingHeaderOrAnotherVersionIsReported() throws Exception {
    verifiers().remember("u", "c", PASSWORD);
    List<String> lines = Files.readAllLines(file());

    Files.write(file(), lines.subList(1, 2));
    assertThat(verifiers().list()).isEmpty();
    assertThat(warnings()).singleElement().asString().contains("[1]").contains("header");

    log.list.clear();
    Files.write(file(), List.of("edge-gateway device-verifiers 2", lines.get(1)));
    assertThat(verifiers().admits("u", "c", PASSWORD, WEEK)).isFalse();
    assertThat(warnings()).singleElement().asString().contains("version");

    log.list.clear();
    Files.write(file(), new byte[] {(byte) 0xFF, (byte) 0xFE, '\n', 0});
    assertThat(verifiers().list()).isEmpty();
    assertThat(warnings()).hasSize(1);

    Files.write(file(), new byte[0]);
    assertThat(verifiers().list()).isEmpty();
  }

  @Test
  void toStringNeverShowsTheHash() throws Exception {
    VerifierHash h = VerifierHash.create(PASSWORD, 3, new SecureRandom());
    Verifier v = new Verifier("u", "c", T0, h);
    String line = VerifierFormat.line(v);
    String hash = line.substring(line.lastIndexOf(' ') + 1);
    assertThat(v.toString()).doesNotContain(hash).contains("iterations=3");
    assertThat(VerifierFormat.parse(line).matches("c", PASSWORD)).isTrue();
  }

  private String hashField() throws Exception {
    String line = Files.readAllLines(file()).get(1);
    return line.substring(line.indexOf(" pbkdf2-sha512 "));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
