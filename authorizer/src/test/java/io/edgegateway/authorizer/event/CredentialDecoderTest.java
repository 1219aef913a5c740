package io.edgegateway.authorizer.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialDecoderTest {

  @Test
  void usernameIsThePartBeforeTheFirstQuestionMark() throws Denied {
    assertThat(CredentialDecoder.username(Optional.of(
        "alice?x-amz-customauthorizer-name=Auth&SDK=JavaV2&Version=1.30.1&x=a?b"))).isEqualTo("alice");
  }

  @Test
  void usernameWithoutQuestionMarkIsTheWholeUsername() throws Denied {
    // The seed cut at indexOf('?') and got "" here.
    assertThat(CredentialDecoder.username(Optional.of("alice"))).isEqualTo("alice");
  }

  @Test
  void usernameIsPercentDecodedAsUtf8() throws Denied {
    assertThat(CredentialDecoder.username(Optional.of("al%69ce?SDK=JavaV2"))).isEqualTo("alice");
    assertThat(CredentialDecoder.username(Optional.of("bob%40example.com"))).isEqualTo("bob@example.com");
  }

  @Test
  void missingUsernameDenies() {
    assertDenied(() -> CredentialDecoder.username(Optional.empty()), DenialReason.USERNAME_MISSING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "?SDK=JavaV2&Version=1", "?x-amz-customauthorizer-name=Auth"})
  void nothingBeforeTheQuestionMarkDenies(String raw) {
    assertDenied(() -> CredentialDecoder.username(Optional.of(raw)), DenialReason.USERNAME_EMPTY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"al%6", "al%", "al%zzce", "%C3%28", "%FF"})
  void brokenPercentEncodingDenies(String raw) {
    assertDenied(() -> CredentialDecoder.username(Optional.of(raw)), DenialReason.USERNAME_BAD_ENCODING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "dev*", "dev%2A", "a%3Fb", "a/b", "a%2Fb", "a+b", "a%2Bb", "a#b", "a%23b", "$aws",
      "${iot:ClientId}", "a b", "a%20b", "tab\tname", "ümlaut", "a:b", "a\"b", "a\\b", "a,b", "a%00b"})
  void usernamesOutsideTheSafeSetDeny(String raw) {
    assertDenied(() -> CredentialDecoder.username(Optional.of(raw)), DenialReason.USERNAME_UNSAFE);
  }

  @Test
  void plusIsNotASpaceAndIsRefused() {
    // + is a literal character in policy resources and a topic wildcard: never in a username.
    assertDenied(() -> CredentialDecoder.username(Optional.of("alice+iot@example.com")),
        DenialReason.USERNAME_UNSAFE);
  }

  @Test
  void usernamesUpTo128CharactersAreAccepted() throws Denied {
    String longest = "a".repeat(128);
    assertThat(CredentialDecoder.username(Optional.of(longest))).isEqualTo(longest);
    assertDenied(() -> CredentialDecoder.username(Optional.of(longest + "a")), DenialReason.USERNAME_UNSAFE);
  }

  @Test
  void passwordIsBase64OfUtf8() throws Denied {
    // The seed decoded as ASCII, which garbles every non-ASCII password.
    String password = "pässwörd-€-日本";
    assertThat(CredentialDecoder.password(Optional.of(base64(password)))).isEqualTo(password);
  }

  @Test
  void missingPasswordDenies() {
    assertDenied(() -> CredentialDecoder.password(Optional.empty()), DenialReason.PASSWORD_MISSING);
  }

  @Test
  void emptyPasswordDenies() {
    assertDenied(() -> CredentialDecoder.password(Optional.of("")), DenialReason.PASSWORD_EMPTY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not base64!", "a", "abcde", "YWJj ZA==", "YQ=a", "cGFzcw_-"})
  void passwordThatIsNotBase64Denies(String value) {
    assertDenied(() -> CredentialDecoder.password(Optional.of(value)), DenialReason.PASSWORD_NOT_BASE64);
  }

  @Test
  void passwordThatIsNotUtf8Denies() {
    String latin1 = Base64.getEncoder().encodeToString("pässwort".getBytes(StandardCharsets.ISO_8859_1));
    assertDenied(() -> CredentialDecoder.password(Optional.of(latin1)), DenialReason.PASSWORD_NOT_UTF8);
  }

  @Test
  void overlongPasswordDenies() throws Denied {
    String longest = "p".repeat(CredentialDecoder.MAX_PASSWORD_CHARS);
    assertThat(CredentialDecoder.password(Optional.of(base64(longest)))).isEqualTo(longest);
    assertDenied(() -> CredentialDecoder.password(Optional.of(base64(longest + "p"))),
        DenialReason.PASSWORD_TOO_LONG);
  }

  @Test
  void decodedCredentialsNeverPrintThePassword() throws Denied {
    MqttCredentials credentials = CredentialDecoder.decode(new AuthorizerEvent.Mqtt(
        Optional.of("alice"), Optional.of(base64("s3cret-value")), Optional.empty()));
    assertThat(credentials.password()).isEqualTo("s3cret-value");
    assertThat(credentials.toString()).contains("alice").doesNotContain("s3cret-value");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  interface Call {
    String run() throws Denied;
  }

  static void assertDenied(Call call, DenialReason reason) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(Denied.class,
        denied -> assertThat(denied.reason()).isEqualTo(reason));
  }
}
