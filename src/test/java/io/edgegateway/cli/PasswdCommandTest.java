package io.edgegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.local.auth.PasswordFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PasswdCommandTest {
  @TempDir
  Path dir;

  record Result(int exitCode, String out, String err) {
    /** The lines written to standard error. */
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private static Result run(PasswdCommand command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** No console; standard input holds {@code stdin}. */
  private static PasswdCommand piped(String stdin) {
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    return new PasswdCommand(null, in);
  }

  /** A console on which the user types {@code typed}, one entry per prompt. */
  private static PasswdCommand console(List<String> prompts, String... typed) {
    Deque<String> answers = new ArrayDeque<>(List.of(typed));
    return new PasswdCommand(prompt -> {
      prompts.add(prompt);
      String answer = answers.poll();
      return answer == null ? null : answer.toCharArray();
    }, InputStream.nullInputStream());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path fileWith(String user, String password) throws Exception {
    Path file = dir.resolve("passwd");
    assertThat(run(piped(""), "-c", "-b", file.toString(), user, password).exitCode()).isZero();
    return file;
  }

  private static void assertOneLineError(Result result, String message) {
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errLines()).containsExactly("passwd: " + message);
  }

  @Test
  void createsAFileInBatchModeAndWarnsThatThePasswordIsVisible() throws Exception {
    Path file = dir.resolve("passwd");
    Result result = run(piped(""), "-c", "-b", file.toString(), "alice", "s3cret-pw");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Adding password for user alice" + System.lineSeparator());
    assertThat(result.err()).contains("Warning:").contains("visible").contains("process list");
    assertThat(result.out() + result.err()).doesNotContain("s3cret-pw");
    assertThat(PasswordFile.load(file).verify("alice", utf8("s3cret-pw"))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void clusteredFlagsWorkLikeMosquittoPasswd() throws Exception {
    Path file = dir.resolve("passwd");
    assertThat(run(piped(""), "-cb", file.toString(), "alice", "pw").exitCode()).isZero();
    assertThat(PasswordFile.load(file).verify("alice", utf8("pw"))).isTrue();
  }

  @Test
  void addsAndUpdatesUsersInAnExistingFile() throws Exception {
    Path file = fileWith("alice", "one");
    Result added = run(piped(""), "-b", file.toString(), "bob", "two");
    assertThat(added.exitCode()).isZero();
    assertThat(added.out()).startsWith("Adding password for user bob");
    Result updated = run(piped(""), "-b", file.toString(), "alice", "three");
    assertThat(updated.exitCode()).isZero();
    assertThat(updated.out()).startsWith("Updating password for user alice");
    PasswordFile result = PasswordFile.load(file);
    assertThat(result.verify("alice", utf8("three"))).isTrue();
    assertThat(result.verify("bob", utf8("two"))).isTrue();
  }

  @Test
  void setsTheIterationCount() throws Exception {
    Path file = dir.resolve("passwd");
    assertThat(run(piped(""), "-c", "-b", "-I", "5", file.toString(), "a", "pw").exitCode())
        .isZero();
    assertThat(Files.readString(file)).startsWith("a:$7$5$");
    assertThat(PasswordFile.load(file).maxIterations()).isEqualTo(5);
  }

  @Test
  void readsThePasswordTwiceFromTheConsole() throws Exception {
    Path file = fileWith("alice", "one");
    List<String> prompts = new java.util.ArrayList<>();
    Result result = run(console(prompts, "grüße", "grüße"), file.toString(), "bob");
    assertThat(result.exitCode()).isZero();
    assertThat(prompts).containsExactly("Password: ", "Reenter password: ");
    assertThat(result.err()).as("no -b, no warning").isEmpty();
    assertThat(PasswordFile.load(file).verify("bob", utf8("grüße"))).isTrue();
  }

  @Test
  void refusesPasswordsThatDoNotMatch() throws Exception {
    Path file = fileWith("alice", "one");
    byte[] before = Files.readAllBytes(file);
    Result result = run(console(new java.util.ArrayList<>(), "first", "frist"),
        file.toString(), "alice");
    assertOneLineError(result, "the passwords do not match");
    assertThat(result.err()).doesNotContain("first").doesNotContain("frist");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void readsOneLineFromStandardInputWithoutAConsole() throws Exception {
    Path file = fileWith("alice", "one");
    Result result = run(piped("from stdin ü\nsecond line ignored\n"), file.toString(), "carol");
    assertThat(result.exitCode()).isZero();
    PasswordFile loaded = PasswordFile.load(file);
    assertThat(loaded.verify("carol", utf8("from stdin ü"))).isTrue();
  }

  @Test
  void failsWhenStandardInputIsEmpty() throws Exception {
    Path file = fileWith("alice", "one");
    assertOneLineError(run(piped(""), file.toString(), "carol"), "no password on standard input");
  }

  @Test
  void deletesAUser() throws Exception {
    Path file = fileWith("alice", "one");
    run(piped(""), "-b", file.toString(), "bob", "two");
    Result result = run(piped(""), "-D", file.toString(), "alice");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("Deleted user alice");
    PasswordFile loaded = PasswordFile.load(file);
    assertThat(loaded.contains("alice")).isFalse();
    assertThat(loaded.contains("bob")).isTrue();
  }

  @Test
  void deletingAnUnknownUserFails() throws Exception {
    Path file = fileWith("alice", "one");
    assertOneLineError(run(piped(""), "-D", file.toString(), "mallory"),
        "user \"mallory\" is not in " + file);
  }

  @Test
  void aMissingFileNeedsDashC() {
    Path file = dir.resolve("missing");
    assertOneLineError(run(piped(""), "-b", file.toString(), "alice", "pw"),
        file + " does not exist (use -c to create it)");
    assertOneLineError(run(piped(""), "-D", file.toString(), "alice"),
        file + " does not exist (use -c to create it)");
    assertThat(file).doesNotExist();
  }

  @Test
  void refusesBadUsernames() throws Exception {
    Path file = fileWith("alice", "one");
    assertOneLineError(run(piped(""), "-b", file.toString(), "a:b", "pw"),
        "the username must not contain ':'");
    assertOneLineError(run(piped(""), "-b", file.toString(), "", "pw"),
        "the username must not be empty");
    assertOneLineError(run(piped(""), "-c", "-b", dir.resolve("other").toString(), "#x", "pw"),
        "the username must not start with '#' (the line would be a comment)");
    assertThat(dir.resolve("other")).doesNotExist();
  }

  @Test
  void refusesConflictingOrIncompleteOptions() throws Exception {
    Path file = fileWith("alice", "one");
    String f = file.toString();
    assertOneLineError(run(piped(""), "-c", "-D", f, "alice"), "-c and -D cannot be used together");
    assertOneLineError(run(piped(""), "-b", "-D", f, "alice", "pw"),
        "-b and -D cannot be used together");
    assertOneLineError(run(piped(""), "-b", f, "alice"), "-b needs the password as the third argument");
    assertOneLineError(run(piped(""), f, "alice", "pw"), "a password on the command line needs -b");
    assertOneLineError(run(piped(""), "-b", "-I", "0", f, "alice", "pw"),
        "-I: the number of iterations must be at least 1");
    assertThat(PasswordFile.load(file).verify("alice", utf8("one"))).isTrue();
  }

  @Test
  void aMissingArgumentIsAUsageError() {
    Result result = run(piped(""), dir.resolve("passwd").toString());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("Missing required parameter");
  }

  @Test
  void refusesAPasswordTheLocaleCouldNotDecode() throws Exception {
    Path file = fileWith("alice", "one");
    Result result = run(piped(""), "-b", file.toString(), "alice", "p\uFFFDss");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errLines()).last().asString()
        .startsWith("passwd: the password could not be decoded");
    assertThat(PasswordFile.load(file).verify("alice", utf8("one"))).isTrue();
  }

  @Test
  void reportsAMalformedFileWithItsLine() throws Exception {
    Path file = dir.resolve("passwd");
    Files.write(file, List.of("# users", "broken line"));
    assertOneLineError(run(piped(""), "-b", file.toString(), "alice", "pw"),
        file + ":2: expected username:hash, there is no ':'");
  }
}
