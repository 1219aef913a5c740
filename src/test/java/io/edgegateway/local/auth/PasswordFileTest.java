package io.edgegateway.local.auth;

import static io.edgegateway.local.auth.PasswordHashTest.ALICE_SECRET;
import static io.edgegateway.local.auth.PasswordHashTest.BOB_EMPTY;
import static io.edgegateway.local.auth.PasswordHashTest.CAROL_UMLAUTS;
import static io.edgegateway.local.auth.PasswordHashTest.DAVE_SHA512;
import static io.edgegateway.local.auth.PasswordHashTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordFileTest {
  private static final List<String> GOOD = List.of(
      "# devices of the first floor",
      "alice:" + ALICE_SECRET,
      "",
      "   ",
      "bob:" + BOB_EMPTY,
      "carol:" + CAROL_UMLAUTS,
      "  dave  :  " + DAVE_SHA512 + "  ",
      "# end");

  @Test
  void readsEntriesSkippingBlankAndCommentLines() {
    PasswordFile file = PasswordFile.parse(GOOD, "passwd");
    assertThat(file.size()).isEqualTo(4);
    assertThat(file.contains("alice")).isTrue();
    assertThat(file.contains("dave")).as("blanks around the username are ignored").isTrue();
    assertThat(file.contains("# devices of the first floor")).isFalse();
    assertThat(file.maxIterations()).isEqualTo(101);
  }

  @Test
  void verifiesRightAndWrongPasswords() {
    PasswordFile file = PasswordFile.parse(GOOD, "passwd");
    assertThat(file.verify("alice", utf8("secret"))).isTrue();
    assertThat(file.verify("alice", utf8("wrong"))).isFalse();
    assertThat(file.verify("bob", new byte[0])).isTrue();
    assertThat(file.verify("carol", utf8("pässwörd"))).isTrue();
    assertThat(file.verify("dave", utf8("hunter2"))).isTrue();
    assertThat(file.verify("dave", utf8("secret"))).isFalse();
  }

  @Test
  void unknownUsersAndMissingPasswordsAreRefused() {
    PasswordFile file = PasswordFile.parse(GOOD, "passwd");
    assertThat(file.verify("mallory", utf8("secret"))).isFalse();
    assertThat(file.verify("Alice", utf8("secret"))).as("usernames are case-sensitive").isFalse();
    assertThat(file.verify(null, utf8("secret"))).isFalse();
    assertThat(file.verify("alice", null)).isFalse();
    assertThat(file.verify("bob", null)).as("no password is not the empty password").isFalse();
  }

  @Test
  void loadsFromDiskAsUtf8(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("passwd");
    Files.write(path, List.of("jürgen:" + CAROL_UMLAUTS));
    PasswordFile file = PasswordFile.load(path);
    assertThat(file.verify("jürgen", utf8("pässwörd"))).isTrue();
  }

  @Test
  void refusesAFileThatIsNotUtf8(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("passwd");
    Files.write(path, new byte[] {'j', (byte) 0xFC, ':', '$'});
    assertThatThrownBy(() -> PasswordFile.load(path))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(path.toString()).hasMessageContaining("not valid UTF-8");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "just-a-name                              | passwd:3: expected username:hash, there is no ':'",
      ":$7$101$0O7CdStqIrKq4M6Y$AAAA            | passwd:3: the username is empty",
      "eve:                                     | passwd:3: user \"eve\" has no password hash",
      "eve:plaintext                            | passwd:3: user \"eve\": the password is not hashed",
      "eve:$2b$10$abcdefghijklmnopqrstuv        | passwd:3: user \"eve\": unsupported hash type \"$2b$\"",
      "eve:$7$101$0O7CdStqIrKq4M6Y$AAAA         | passwd:3: user \"eve\": the hash must be 64 bytes",
      "eve:$7$101$AAAA$AAAA                     | passwd:3: user \"eve\": the salt must be 12 bytes",
      "eve:$7$-5$0O7CdStqIrKq4M6Y$AAAA          | passwd:3: user \"eve\": the iteration count",
      "'  # indented comment'                   | passwd:3: a comment must start with '#' in the first column",
  })
  void namesFileLineAndProblemOfAMalformedLine(String line, String message) {
    List<String> lines = List.of("# header", "alice:" + ALICE_SECRET, line);
    assertThatThrownBy(() -> PasswordFile.parse(lines, "passwd"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void neverEchoesTheHash() {
    String broken = ALICE_SECRET.substring(0, ALICE_SECRET.length() - 4);
    assertThatThrownBy(() -> PasswordFile.parse(List.of("alice:" + broken), "passwd"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("passwd:1: user \"alice\"")
        .hasMessageNotContaining("0O7CdStq")
        .hasMessageNotContaining("BhSSmdeb");
  }

  @Test
  void refusesATrailingField() {
    assertThatThrownBy(() -> PasswordFile.parse(List.of("alice:" + ALICE_SECRET + ":x"), "pw"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("pw:1: user \"alice\": unexpected ':' after the password hash");
  }

  @Test
  void refusesAUserListedTwice() {
    List<String> lines = List.of("alice:" + ALICE_SECRET, "bob:" + BOB_EMPTY, "alice:" + DAVE_SHA512);
    assertThatThrownBy(() -> PasswordFile.parse(lines, "passwd"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("passwd:3: user \"alice\" is already defined on line 1");
  }

  @Test
  void anEmptyFileHasNoUsers() {
    PasswordFile file = PasswordFile.parse(List.of("# nobody yet"), "passwd");
    assertThat(file.size()).isZero();
    assertThat(file.maxIterations()).isZero();
    assertThat(file.verify("alice", utf8("secret"))).isFalse();
  }
}
