package io.edgegateway.local.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordHashTest {
  // Written by mosquitto_passwd 2.0.11 (-b; carol with -I 5; dave and erin with -H sha512).
  static final String ALICE_SECRET = "$7$101$0O7CdStqIrKq4M6Y$BhSSmdebXZWq+C8uc/qs6Et9jhan1YMBRgzmxNU1"
      + "oaIYAu8sVWoIRyUzxr0jBDRaBc/UBF2vb8iD+reXJcxGDA==";
  static final String BOB_EMPTY = "$7$101$CsHYNAsGj8QzHrCZ$I2bjkuzeKFoEtQxBwopNgnxgR/Aar+H4V7rT+G9v"
      + "6aGGDz4RRmNZ0vo8/C+PMXZSm3euMZdeNEtykNA6IS/Zmw==";
  static final String CAROL_UMLAUTS = "$7$5$dWL1CX73yfRcG1XE$GO1+XlJHbG3Pw787uk1peZPVhSVjM7kSz3TC"
      + "yJ5dN5TU46jpiwUAm4DCGqKQEAy6hZD0xbb9EHHsC7HSdhUVxA==";
  static final String DAVE_SHA512 = "$6$NvX79Z8A7wf1fkYp$iXHXX6HfGVwE1Vlx0QiLm2CPtTU2n8Uwe7wAkyZZ6q"
      + "ZTickTRglHYini68GzFUHRZSQg4Y6P23T0V8nWTMcBoQ==";
  static final String ERIN_SHA512_UTF8 = "$6$bXCryXUQ3UmE30q0$aTPpVWJyPoTpNUFALnCpEUv9QcjvI5gYDEi"
      + "qgUpdhZqFUVGTFdFiDJPgEXPH1fo80AgPsAwGPA/foIjnq3YO8Q==";

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void verifiesHashesWrittenByMosquittoPasswd() {
    assertThat(PasswordHash.parse(ALICE_SECRET).matches(utf8("secret"))).isTrue();
    assertThat(PasswordHash.parse(BOB_EMPTY).matches(new byte[0])).isTrue();
    assertThat(PasswordHash.parse(CAROL_UMLAUTS).matches(utf8("pässwörd"))).isTrue();
    assertThat(PasswordHash.parse(DAVE_SHA512).matches(utf8("hunter2"))).isTrue();
    assertThat(PasswordHash.parse(ERIN_SHA512_UTF8).matches(utf8("grüße €"))).isTrue();
  }

  @Test
  void rejectsWrongPasswords() {
    assertThat(PasswordHash.parse(ALICE_SECRET).matches(utf8("Secret"))).isFalse();
    assertThat(PasswordHash.parse(ALICE_SECRET).matches(utf8("secret "))).isFalse();
    assertThat(PasswordHash.parse(BOB_EMPTY).matches(utf8(" "))).isFalse();
    // Latin-1 bytes of the same text are not its UTF-8 bytes.
    assertThat(PasswordHash.parse(CAROL_UMLAUTS)
        .matches("pässwörd".getBytes(StandardCharsets.ISO_8859_1))).isFalse();
    assertThat(PasswordHash.parse(DAVE_SHA512).matches(utf8("hunter3"))).isFalse();
  }

  @Test
  void readsTypeAndIterations() {
    assertThat(PasswordHash.parse(ALICE_SECRET).type()).isEqualTo(PasswordHash.Type.SHA512_PBKDF2);
    assertThat(PasswordHash.parse(CAROL_UMLAUTS).iterations()).isEqualTo(5);
    assertThat(PasswordHash.parse(DAVE_SHA512).type()).isEqualTo(PasswordHash.Type.SHA512);
    assertThat(PasswordHash.parse(DAVE_SHA512).iterations()).isEqualTo(1);
  }

  @Test
  void encodesBackToTheSameText() {
    for (String text : new String[] {ALICE_SECRET, CAROL_UMLAUTS, DAVE_SHA512}) {
      assertThat(PasswordHash.parse(text).encode()).isEqualTo(text);
    }
  }

  @Test
  void pbkdf2AgreesWithTheJdkForTextPasswords() throws Exception {
    byte[] salt = new byte[12];
    new SecureRandom().nextBytes(salt);
    PasswordHash ours = PasswordHash.pbkdf2(utf8("grüße aus Köln"), salt, 1000);
    byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
        .generateSecret(new PBEKeySpec("grüße aus Köln".toCharArray(), salt, 1000, 512))
        .getEncoded();
    String expected = "$7$1000$" + Base64.getEncoder().encodeToString(salt) + "$"
        + Base64.getEncoder().encodeToString(jdk);
    assertThat(ours.encode()).isEqualTo(expected);
  }

  @Test
  void hasherMakesSeventhTypeHashesWithFreshSalt() {
    PasswordHasher hasher = new PasswordHasher();
    PasswordHash first = hasher.hash(utf8("same"));
    PasswordHash second = hasher.hash(utf8("same"));
    assertThat(first.encode()).startsWith("$7$101$").hasSize("$7$101$".length() + 16 + 1 + 88);
    assertThat(first).isNotEqualTo(second);
    assertThat(first.matches(utf8("same"))).isTrue();
    assertThat(new PasswordHasher(7, new SecureRandom()).hash(utf8("x")).encode())
        .startsWith("$7$7$");
  }

  @Test
  void toStringShowsNeitherSaltNorHash() {
    PasswordHash hash = PasswordHash.parse(ALICE_SECRET);
    assertThat(hash.toString()).doesNotContain("0O7CdStq").doesNotContain("BhSSmdeb")
        .contains("SHA512_PBKDF2");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "secret                                 | not hashed",
      "$5$abc$def                             | unsupported hash type \"$5$\"",
      "$argon2id$v=19$m=65536                 | unsupported hash type \"$argon2id$\"",
      "$7$101$0O7CdStqIrKq4M6Y                | a $7$ hash has the form",
      "$6$0O7CdStqIrKq4M6Y                    | a $6$ hash has the form",
      "$7$ten$0O7CdStqIrKq4M6Y$AAAA           | iteration count must be a positive integer",
      "$7$0$0O7CdStqIrKq4M6Y$AAAA             | iteration count must be a positive integer",
      "$7$101$not*base64$AAAA                 | salt is not valid base64",
      "$7$101$AAAA$AAAA                       | salt must be 12 bytes, it is 3",
      "$7$101$0O7CdStqIrKq4M6Y$AAAA           | hash must be 64 bytes, it is 3",
      "$7$101$0O7CdStqIrKq4M6Y$!!!!           | hash is not valid base64",
  })
  void explainsMalformedHashes(String text, String message) {
    assertThatThrownBy(() -> PasswordHash.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
