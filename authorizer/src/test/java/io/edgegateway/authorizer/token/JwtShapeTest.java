package io.edgegateway.authorizer.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JwtShapeTest {

  @Test
  void aSignedCognitoTokenLooksLikeAJwt() {
    assertThat(JwtShape.looksLikeJwt(TestTokens.sign(TestTokens.idClaims("alice", Instant.now()).build(),
        TestTokens.KEY))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Passw0rd!", "a.b.c", "eyJ.a", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "eyJ a.b.c",
      "my.pass.word", "eyJhbGciOiJSUzI1NiJ9.e30.sig.extra"})
  void ordinaryPasswordsDoNot(String password) {
    assertThat(JwtShape.looksLikeJwt(password)).isFalse();
  }
}
