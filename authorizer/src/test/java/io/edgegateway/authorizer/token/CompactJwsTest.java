package io.edgegateway.authorizer.token;

import static io.edgegateway.authorizer.token.TestTokens.KEY;
import static io.edgegateway.authorizer.token.TestTokens.accessClaims;
import static io.edgegateway.authorizer.token.TestTokens.idClaims;
import static io.edgegateway.authorizer.token.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The token's parts read without Nimbus's parser, compared with what Nimbus's parser makes of them. */
class CompactJwsTest {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  @Test
  void headerSignatureAndClaimsAreWhatNimbusReads() throws Exception {
    for (JWTClaimsSet claims : List.of(idClaims("alice", NOW).build(), accessClaims("bob", NOW).build(),
        idClaims("carol", NOW).audience(List.of("a", "b")).notBeforeTime(java.util.Date.from(NOW))
            .claim("cognito:groups", List.of("g1", "g2")).claim("custom:n", 1.5).build())) {
      String token = sign(claims, KEY);
      CompactJws ours = CompactJws.parse(token);
      SignedJWT theirs = SignedJWT.parse(token);
      assertThat(ours.header().getAlgorithm()).isEqualTo(theirs.getHeader().getAlgorithm());
      assertThat(ours.header().getKeyID()).isEqualTo(theirs.getHeader().getKeyID());
      assertThat(new RSASSAVerifier(KEY.toPublicJWK()).verify(ours.header(), ours.signingInput(), ours.signature()))
          .isTrue();
      JWTClaimsSet read = ours.claims();
      JWTClaimsSet expected = theirs.getJWTClaimsSet();
      assertThat(read.getIssuer()).isEqualTo(expected.getIssuer());
      assertThat(read.getSubject()).isEqualTo(expected.getSubject());
      assertThat(read.getAudience()).isEqualTo(expected.getAudience());
      assertThat(read.getExpirationTime()).isEqualTo(expected.getExpirationTime());
      assertThat(read.getNotBeforeTime()).isEqualTo(expected.getNotBeforeTime());
      assertThat(read.getIssueTime()).isEqualTo(expected.getIssueTime());
      assertThat(read.getStringClaim("token_use")).isEqualTo(expected.getStringClaim("token_use"));
      assertThat(read.getStringListClaim("cognito:groups")).isEqualTo(expected.getStringListClaim("cognito:groups"));
      assertThat(read.getClaims().keySet()).isEqualTo(expected.getClaims().keySet());
    }
  }

  @Test
  void aTamperedPayloadDoesNotVerify() throws Exception {
    String[] parts = sign(idClaims("alice", NOW).build(), KEY).split("\\.");
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"sub\":\"x\",\"token_use\":\"id\"}".getBytes(StandardCharsets.UTF_8));
    CompactJws tampered = CompactJws.parse(parts[0] + "." + payload + "." + parts[2]);
    assertThat(new RSASSAVerifier(KEY.toPublicJWK()).verify(tampered.header(), tampered.signingInput(),
        tampered.signature())).isFalse();
  }

  @Test
  void criticalHeaderParametersAreKeptSoThatTheVerifierRefusesThem() throws Exception {
    String token = sign(idClaims("alice", NOW).build(), KEY,
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-1").criticalParams(Set.of("exp")).build());
    CompactJws jws = CompactJws.parse(token);
    assertThat(jws.header().getCriticalParams()).containsExactly("exp");
    assertThat(new RSASSAVerifier(KEY.toPublicJWK()).verify(jws.header(), jws.signingInput(), jws.signature()))
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "a.b", "a.b.c.d", "e30.e30.", "eyJhbGciOiJub25lIn0.e30.", "eyJhbGciOjF9.e30.",
      "eyJhbGciOiJSUzI1NiIsImVuYyI6IkEyNTZHQ00ifQ.e30.", "eyJhbGciOiJSUzI1NiIsImtpZCI6MX0.e30.",
      "eyJhbGciOiJSUzI1NiIsImNyaXQiOiJleHAifQ.e30.", "eyJhbGciOiJSUzI1NiIsImNyaXQiOltdfQ.e30.",
      "eyJhbGciOiJSUzI1NiJ9.e30.!!", "W10.e30.", "bnVsbA.e30."})
  void whatIsNotASignedJwtIsMalformed(String token) {
    // {} ; {"alg":"none"} ; {"alg":1} ; {"alg":"RS256","enc":"A256GCM"} ; {"alg":"RS256","kid":1} ;
    // {"alg":"RS256","crit":"exp"} ; {"alg":"RS256","crit":[]} ; a signature that is not base64url ; [] ; null
    assertThatThrownBy(() -> CompactJws.parse(token)).isInstanceOfSatisfying(Denied.class,
        d -> assertThat(d.reason()).isEqualTo(DenialReason.TOKEN_MALFORMED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bm90IGpzb24", "W10", "bnVsbA", "eyJpc3MiOjF9", "eyJleHAiOiJ0b21vcnJvdyJ9",
      "eyJhdWQiOlsxXX0", "eyJhdWQiOnt9fQ", "eyJzdWIiOnRydWV9", "eyJqdGkiOltdfQ", "e30!"})
  void claimsThatAreNotAClaimsSetAreMalformed(String payload) throws Denied {
    // not json ; [] ; null ; {"iss":1} ; {"exp":"tomorrow"} ; {"aud":[1]} ; {"aud":{}} ; {"sub":true} ;
    // {"jti":[]} ; not base64url
    CompactJws jws = CompactJws.parse("eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln");
    assertThatThrownBy(jws::claims).isInstanceOfSatisfying(Denied.class,
        d -> assertThat(d.reason()).isEqualTo(DenialReason.TOKEN_MALFORMED));
  }

  @Test
  void aNumericSubIsReadAsAString() throws Denied {
    // {"sub":123}, as Nimbus's JWTClaimsSet.parse reads it
    assertThat(CompactJws.parse("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOjEyM30.c2ln").claims().getSubject()).isEqualTo("123");
  }
}
