package io.edgegateway.local.auth;

import static io.edgegateway.local.auth.PasswordHashTest.ALICE_SECRET;
import static io.edgegateway.local.auth.PasswordHashTest.DAVE_SHA512;
import static io.edgegateway.local.auth.PasswordHashTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.config.ConfigException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordFileEditorTest {
  @TempDir
  Path dir;

  private PasswordFileEditor editor(Path file) {
    return new PasswordFileEditor(file, new PasswordHasher(5, new SecureRandom()));
  }

  private Path existing(String... lines) throws Exception {
    Path file = dir.resolve("passwd");
    Files.write(file, List.of(lines));
    return file;
  }

  @Test
  void createWritesOneEntryWithMode0600() throws Exception {
    Path file = dir.resolve("new-passwd");
    editor(file).create("alice", utf8("s3cret"));
    assertThat(Files.readAllLines(file)).singleElement().asString().startsWith("alice:$7$5$");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PasswordFile.load(file).verify("alice", utf8("s3cret"))).isTrue();
  }

  @Test
  void createOverwritesAnExistingFile() throws Exception {
    Path file = existing("bob:" + DAVE_SHA512);
    editor(file).create("alice", utf8("s3cret"));
    PasswordFile result = PasswordFile.load(file);
    assertThat(result.contains("bob")).isFalse();
    assertThat(result.verify("alice", utf8("s3cret"))).isTrue();
  }

  @Test
  void updateReplacesTheLineInPlaceAndKeepsEveryOtherLine() throws Exception {
    Path file = existing("# site A", "alice:" + ALICE_SECRET, "", "dave:" + DAVE_SHA512, "# end");
    assertThat(editor(file).put("alice", utf8("new one"))).isEqualTo(PasswordFileEditor.Change.UPDATED);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).isEqualTo("# site A");
    assertThat(lines.get(1)).startsWith("alice:$7$5$").isNotEqualTo("alice:" + ALICE_SECRET);
    assertThat(lines.subList(2, 5)).containsExactly("", "dave:" + DAVE_SHA512, "# end");
    PasswordFile result = PasswordFile.load(file);
    assertThat(result.verify("alice", utf8("new one"))).isTrue();
    assertThat(result.verify("alice", utf8("secret"))).isFalse();
    assertThat(result.verify("dave", utf8("hunter2"))).isTrue();
  }

  @Test
  void addAppendsAtTheEnd() throws Exception {
    Path file = existing("alice:" + ALICE_SECRET, "# trailing comment");
    assertThat(editor(file).put("jürgen", utf8("grüße"))).isEqualTo(PasswordFileEditor.Change.ADDED);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.subList(0, 2)).containsExactly("alice:" + ALICE_SECRET, "# trailing comment");
    assertThat(lines.get(2)).startsWith("jürgen:$7$5$");
    assertThat(PasswordFile.load(file).verify("jürgen", utf8("grüße"))).isTrue();
  }

  @Test
  void deleteRemovesOnlyThatUser() throws Exception {
    Path file = existing("# keep", "alice:" + ALICE_SECRET, "dave:" + DAVE_SHA512);
    assertThat(editor(file).delete("alice")).isTrue();
    assertThat(Files.readAllLines(file)).containsExactly("# keep", "dave:" + DAVE_SHA512);
  }

  @Test
  void deletingAnUnknownUserLeavesTheFileUntouched() throws Exception {
    Path file = existing("alice:" + ALICE_SECRET);
    byte[] before = Files.readAllBytes(file);
    Object inode = Files.getAttribute(file, "unix:ino");
    assertThat(editor(file).delete("mallory")).isFalse();
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);
  }

  @Test
  void editingNeedsAnExistingFile() {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> editor(missing).put("alice", utf8("x")))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> editor(missing).delete("alice"))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(missing).doesNotExist();
  }

  @Test
  void refusesToEditAMalformedFile() throws Exception {
    Path file = existing("alice:" + ALICE_SECRET, "garbage");
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> editor(file).put("bob", utf8("x")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ":2: expected username:hash, there is no ':'");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void replacesTheFileAtomicallyInsteadOfRewritingIt() throws Exception {
    Path file = existing("alice:" + ALICE_SECRET, "dave:" + DAVE_SHA512);
    byte[] before = Files.readAllBytes(file);
    try (InputStream reader = Files.newInputStream(file)) {
      editor(file).put("alice", utf8("changed"));
      // A reader that opened the old file still reads all of it: the file was replaced by a
      // rename, not truncated and rewritten under the reader.
      assertThat(reader.readAllBytes()).isEqualTo(before);
    }
    assertThat(Files.readAllBytes(file)).isNotEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no temporary file is left behind").containsExactly(file);
    }
  }

  @Test
  void anUpdateKeepsTheFilesPermissions() throws Exception {
    Path file = existing("alice:" + ALICE_SECRET);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    editor(file).put("alice", utf8("changed"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
  }

  @Test
  void editsTheTargetOfASymbolicLink() throws Exception {
    Path real = existing("alice:" + ALICE_SECRET);
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    editor(link).put("bob", utf8("x"));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(PasswordFile.load(real).contains("bob")).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''          | the username must not be empty",
      "a:b         | the username must not contain ':'",
      "'#root'     | the username must not start with '#'",
      "' alice'    | the username must not start or end with whitespace",
      "'alice '    | the username must not start or end with whitespace",
  })
  void refusesUnusableUsernames(String username, String message) throws Exception {
    Path file = existing("alice:" + ALICE_SECRET);
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> editor(file).put(username, utf8("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void refusesControlCharactersAndOverlongNames() {
    assertThatThrownBy(() -> PasswordFileEditor.checkUsername("bad\nname"))
        .hasMessage("the username must not contain control characters");
    assertThatThrownBy(() -> PasswordFileEditor.checkUsername("é".repeat(32768)))
        .hasMessage("the username must not be longer than 65535 bytes");
    PasswordFileEditor.checkUsername("ok user/with+odd#chars");
  }

  @Test
  void writesUtf8WithNewlineEndings() throws Exception {
    Path file = dir.resolve("fresh");
    editor(file).create("jürgen", utf8("x"));
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).startsWith("jürgen:").endsWith("==\n").doesNotContain("\r");
  }
}
