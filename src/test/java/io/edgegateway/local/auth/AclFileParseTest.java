package io.edgegateway.local.auth;

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

class AclFileParseTest {
  private static AclFile parse(String... lines) {
    return AclFile.parse(List.of(lines), "acl");
  }

  @Test
  void readsAWellFormedFile() {
    AclFile acl = parse(
        "# anonymous clients",
        "topic read public/#",
        "",
        "   topic   write   anon/in   ",
        "user alice",
        "topic alice/#",
        "topic deny alice/secret",
        "pattern write devices/%c/#",
        "user  bob smith ",
        "topic read with space/in it");
    assertThat(acl.canReceive("c", null, "public/x")).isTrue();
    assertThat(acl.canPublish("c", null, "anon/in")).isTrue();
    assertThat(acl.canPublish("c", "alice", "alice/x")).isTrue();
    assertThat(acl.canReceive("c", "alice", "alice/x")).as("no access word is readwrite").isTrue();
    assertThat(acl.canReceive("c", "alice", "alice/secret")).isFalse();
    assertThat(acl.canPublish("dev1", "alice", "devices/dev1/t")).isTrue();
    assertThat(acl.canReceive("c", "bob smith", "with space/in it"))
        .as("usernames and topics may contain spaces").isTrue();
    assertThat(acl.source()).isEqualTo("acl");
  }

  @Test
  void aSingleWordAfterTheKeywordIsTheTopicEvenIfItIsAnAccessWord() {
    // Mosquitto reads "topic read" as read-write access to the topic "read".
    AclFile acl = parse("topic read");
    assertThat(acl.canPublish("c", null, "read")).isTrue();
    assertThat(acl.canReceive("c", null, "read")).isTrue();
    assertThat(acl.canReceive("c", null, "other")).isFalse();
  }

  @Test
  void windowsLineEndingsAndTrailingTabsAreIgnored() {
    AclFile acl = parse("topic read a/b\r", "topic write c\t\t");
    assertThat(acl.canReceive("c", null, "a/b")).isTrue();
    assertThat(acl.canPublish("c", null, "c")).isTrue();
  }

  @Test
  void laterBlocksOfTheSameUserAddToIt() {
    AclFile acl = parse("user alice", "topic a", "user bob", "topic b", "user alice", "topic c");
    assertThat(acl.canPublish("x", "alice", "a")).isTrue();
    assertThat(acl.canPublish("x", "alice", "c")).isTrue();
    assertThat(acl.canPublish("x", "alice", "b")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "topic                   | acl:3: \"topic\" needs a topic",
      "pattern                 | acl:3: \"pattern\" needs a topic",
      "user                    | acl:3: \"user\" needs a username",
      "topic readonly a/b      | acl:3: invalid access \"readonly\" (expected read, write, readwrite or deny before the topic)",
      "topic read a/b+         | acl:3: invalid topic \"a/b+\": '+' must be a whole topic level",
      "topic read a/#/b        | acl:3: invalid topic \"a/#/b\": '#' must be the whole last topic level",
      "pattern write dev/%c#   | acl:3: invalid topic \"dev/%c#\": '#' must be the whole last topic level",
      "Topic read a            | acl:3: unknown keyword \"Topic\" (expected topic, pattern or user)",
      "grant a/b               | acl:3: unknown keyword \"grant\"",
      "'  # indented comment'  | acl:3: a comment must start with '#' in the first column",
      "'topic\tread\ta'        | acl:3: unknown keyword \"topic\tread\ta\" (expected topic, pattern or user) (separate words with spaces, not tabs)",
  })
  void namesFileLineAndProblemOfAMalformedLine(String line, String message) {
    assertThatThrownBy(() -> parse("# header", "topic read ok", line))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void refusesTooManyLevels() {
    String deep = "a/".repeat(201) + "b";
    assertThatThrownBy(() -> parse("topic " + deep))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("the topic has more than 200 '/' separators");
    parse("topic " + "a/".repeat(200) + "b");
  }

  @Test
  void loadsFromDisk(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("acl");
    Files.write(file, List.of("user jürgen", "topic jürgen/#", "bogus"));
    assertThatThrownBy(() -> AclFile.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":3: unknown keyword \"bogus\"");
    Files.write(file, List.of("user jürgen", "topic jürgen/#"));
    assertThat(AclFile.load(file).canPublish("c", "jürgen", "jürgen/temp")).isTrue();
  }
}
