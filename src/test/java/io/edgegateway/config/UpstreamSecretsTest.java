package io.edgegateway.config;

import static io.edgegateway.config.ConfigTesting.parse;
import static io.edgegateway.config.ConfigTesting.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream secrets: from a file (with systemd's credentials directory), an environment variable or
 * the file itself; exactly one source; and a secret's value never in a message, warning or toString.
 */
class UpstreamSecretsTest {

  private static final String SECRET = "pa55-W0rd!";

  @TempDir
  Path dir;

  /** An enabled upstream whose password key (line 5) is {@code passwordLine}. */
  private static String withPassword(String passwordLine) {
    return """
        upstream:
          endpoint: example.com
          credentials:
            username: gateway-1
            %s
        """.formatted(passwordLine);
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void aPasswordFileLosesItsTrailingNewline() throws Exception {
    Path file = file("cognito-password", SECRET + "\n");

    Secret password = parse(withPassword("passwordFile: " + file)).upstream().credentials().password();

    assertThat(password.reveal()).isEqualTo(SECRET);
    assertThat(password.origin()).isEqualTo("file " + file);
  }

  @Test
  void aWindowsLineEndingIsStrippedToo() throws Exception {
    Path file = file("p", SECRET + "\r\n");

    assertThat(parse(withPassword("passwordFile: " + file)).upstream().credentials().password().reveal())
        .isEqualTo(SECRET);
  }

  @Test
  void aRelativeNameIsLookedUpInTheCredentialsDirectoryFirst() throws Exception {
    file("cognito-password", SECRET);

    Secret password = parse(withPassword("passwordFile: cognito-password"),
        Map.of("CREDENTIALS_DIRECTORY", dir.toString())).upstream().credentials().password();

    assertThat(password.reveal()).isEqualTo(SECRET);
    assertThat(password.origin()).isEqualTo("file " + dir.resolve("cognito-password"));
  }

  @Test
  void aRelativeNameMissingFromTheCredentialsDirectoryFallsBackToTheWorkingDirectory() {
    // pom.xml is in the tests' working directory, not in the credentials directory; it is read (and
    // refused for its many lines), which shows where the loader looked
    assertThat(problems(withPassword("passwordFile: pom.xml"), Map.of("CREDENTIALS_DIRECTORY", dir.toString())))
        .containsExactly("gw.yaml:5: upstream.credentials.passwordFile: holds more than one line; write the secret "
            + "alone on one line: pom.xml");
  }

  @Test
  void aMissingRelativeFileSaysWhereItWasLookedFor() {
    assertThat(problems(withPassword("passwordFile: cognito-password"), Map.of("CREDENTIALS_DIRECTORY", dir.toString())))
        .containsExactly("gw.yaml:5: upstream.credentials.passwordFile: file not found: cognito-password (looked in "
            + "$CREDENTIALS_DIRECTORY, " + dir + ", then in the working directory " + Path.of("").toAbsolutePath() + ")");
  }

  @Test
  void fileProblemsNameTheKeyAndLineButNeverTheContent() throws Exception {
    Path empty = file("empty", "\n");
    Path twoLines = file("two", SECRET + "\nsecond-" + SECRET + "\n");
    Path notUtf8 = Files.write(dir.resolve("latin1"), new byte[] {'p', (byte) 0xE9, 'x'});
    Path large = file("large", "x".repeat(64 * 1024 + 1));

    assertThat(problems(withPassword("passwordFile: " + empty))).containsExactly(
        "gw.yaml:5: upstream.credentials.passwordFile: is empty: " + empty);
    assertThat(problems(withPassword("passwordFile: " + twoLines))).containsExactly(
        "gw.yaml:5: upstream.credentials.passwordFile: holds more than one line; write the secret alone on one line: "
            + twoLines);
    assertThat(problems(withPassword("passwordFile: " + notUtf8))).containsExactly(
        "gw.yaml:5: upstream.credentials.passwordFile: is not UTF-8 text: " + notUtf8);
    assertThat(problems(withPassword("passwordFile: " + large))).containsExactly(
        "gw.yaml:5: upstream.credentials.passwordFile: is larger than 64KiB, so it cannot be a secret of one line: "
            + large);
    assertThat(problems(withPassword("passwordFile: " + dir.resolve("none")))).containsExactly(
        "gw.yaml:5: upstream.credentials.passwordFile: file not found: " + dir.resolve("none"));
    assertThat(problems(withPassword("passwordFile: " + dir))).containsExactly(
        "gw.yaml:5: upstream.credentials.passwordFile: is a directory, not a file: " + dir);
  }

  @Test
  void aPasswordFromAnEnvironmentVariable() {
    Secret password = parse(withPassword("passwordEnv: COGNITO_PASSWORD"), Map.of("COGNITO_PASSWORD", SECRET))
        .upstream().credentials().password();

    assertThat(password.reveal()).isEqualTo(SECRET);
    assertThat(password.origin()).isEqualTo("environment COGNITO_PASSWORD");
  }

  @Test
  void theVariableMustBeSetNonEmptyAndNotOneOfTheConfigurationsOwn() {
    assertThat(problems(withPassword("passwordEnv: COGNITO_PASSWORD"))).containsExactly(
        "gw.yaml:5: upstream.credentials.passwordEnv: names the environment variable COGNITO_PASSWORD, which is not set");
    assertThat(problems(withPassword("passwordEnv: COGNITO_PASSWORD"), Map.of("COGNITO_PASSWORD", ""))).containsExactly(
        "gw.yaml:5: upstream.credentials.passwordEnv: names the environment variable COGNITO_PASSWORD, which is empty");
    assertThat(problems(withPassword("passwordEnv: 'COGNITO PASSWORD'"))).containsExactly(
        "gw.yaml:5: upstream.credentials.passwordEnv: must be the name of an environment variable, got \"COGNITO PASSWORD\"");
    assertThat(problems(withPassword("passwordEnv: EDGE_GATEWAY_PW"), Map.of("EDGE_GATEWAY_PW", SECRET)))
        .contains("gw.yaml:5: upstream.credentials.passwordEnv: names EDGE_GATEWAY_PW, but EDGE_GATEWAY_* variables "
            + "name configuration keys; choose another name, such as COGNITO_PASSWORD");
  }

  @Test
  void anInlinePasswordWorksWithAWarningThatNamesTheKeyButNotTheValue() {
    LoadedConfig loaded = ConfigLoader.parseWithWarnings(withPassword("password: " + SECRET), "gw.yaml", Map.of());

    Secret password = loaded.config().upstream().credentials().password();
    assertThat(password.reveal()).isEqualTo(SECRET);
    assertThat(password.origin()).isEqualTo("configuration file gw.yaml line 5");
    assertThat(loaded.warnings()).containsExactly("gw.yaml:5: upstream.credentials.password: the Cognito password is "
        + "written in the configuration file, where anyone who can read the file can read it; prefer passwordFile "
        + "(with systemd LoadCredential=) or passwordEnv");
  }

  @Test
  void anInlinePasswordFromItsOwnVariableIsNotWarnedAbout() {
    LoadedConfig loaded = ConfigLoader.parseWithWarnings(withPassword("mode: password"), "gw.yaml",
        Map.of("EDGE_GATEWAY_UPSTREAM_CREDENTIALS_PASSWORD", SECRET));

    assertThat(loaded.config().upstream().credentials().password().origin())
        .isEqualTo("environment EDGE_GATEWAY_UPSTREAM_CREDENTIALS_PASSWORD");
    assertThat(loaded.warnings()).isEmpty();
  }

  @Test
  void onlyOneSourceMayBeGiven() throws Exception {
    Path file = file("p", SECRET);

    assertThat(problems("""
        upstream:
          endpoint: example.com
          credentials:
            username: gateway-1
            passwordFile: %s
            passwordEnv: COGNITO_PASSWORD
            password: %s
        """.formatted(file, SECRET), Map.of("COGNITO_PASSWORD", SECRET))).containsExactly(
        "gw.yaml:6: upstream.credentials.passwordEnv: set only one of passwordFile, passwordEnv and password; "
            + "passwordFile is already set",
        "gw.yaml:7: upstream.credentials.password: set only one of passwordFile, passwordEnv and password; "
            + "passwordFile is already set");
  }

  @Test
  void theCognitoClientSecretFollowsTheSameRules() throws Exception {
    Path file = file("cognito-client-secret", SECRET + "\n");
    String yaml = withPassword("passwordEnv: P") + """
            mode: token
            cognito:
              region: eu-west-1
              clientId: abc
              clientSecretFile: cognito-client-secret
        """;

    Secret clientSecret = parse(yaml, Map.of("P", "x", "CREDENTIALS_DIRECTORY", dir.toString()))
        .upstream().credentials().cognito().clientSecret();

    assertThat(clientSecret.reveal()).isEqualTo(SECRET);
    assertThat(clientSecret.origin()).isEqualTo("file " + file);
    assertThat(problems(yaml.replace("clientSecretFile: cognito-client-secret", "clientSecretEnv: NOPE"),
        Map.of("P", "x"))).containsExactly("gw.yaml:10: upstream.credentials.cognito.clientSecretEnv: names the "
        + "environment variable NOPE, which is not set");
    LoadedConfig inline = ConfigLoader.parseWithWarnings(
        yaml.replace("clientSecretFile: cognito-client-secret", "clientSecret: " + SECRET), "gw.yaml", Map.of("P", "x"));
    assertThat(inline.warnings()).singleElement().asString()
        .startsWith("gw.yaml:10: upstream.credentials.cognito.clientSecret: the Cognito app client secret is written");
  }

  @Test
  void aSecretNeverAppearsInErrorsWarningsOrToString() throws Exception {
    LoadedConfig loaded = ConfigLoader.parseWithWarnings(withPassword("password: " + SECRET), "gw.yaml", Map.of());
    List<String> fromFile = problems(withPassword("password: [" + SECRET + "]"));
    List<String> fromEnvironment = problems("upstream:\n  credentials:\n    password: {a: " + SECRET + "}\n",
        Map.of("EDGE_GATEWAY_UPSTREAM_CREDENTIALS_PASSWORD_FILE", "/nonexistent/" + "x"));
    List<String> misspelt = problems(withPassword("passwrd: " + SECRET));

    assertThat(loaded.config().toString()).doesNotContain(SECRET).contains("(hidden)");
    assertThat(loaded.config().upstream().credentials().password().toString())
        .isEqualTo("Secret[configuration file gw.yaml line 5, (hidden)]");
    assertThat(loaded.warnings()).noneMatch(w -> w.contains(SECRET));
    assertThat(fromFile).containsExactly("gw.yaml:5: upstream.credentials.password: must be a single value, got a list");
    assertThat(String.join("\n", fromEnvironment)).doesNotContain(SECRET);
    assertThat(misspelt).contains("gw.yaml:5: upstream.credentials.passwrd: unknown key; did you mean password?");
    assertThat(String.join("\n", misspelt)).doesNotContain(SECRET);
  }

  @Test
  void aDisabledUpstreamStillChecksASecretThatIsSet() {
    assertThat(problems("upstream:\n  credentials:\n    passwordEnv: NOT_SET_ANYWHERE\n")).containsExactly(
        "gw.yaml:3: upstream.credentials.passwordEnv: names the environment variable NOT_SET_ANYWHERE, which is not set");
  }
}
