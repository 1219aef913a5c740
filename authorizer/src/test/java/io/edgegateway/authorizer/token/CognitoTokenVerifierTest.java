package io.edgegateway.authorizer.token;

import static io.edgegateway.authorizer.token.TestTokens.CLIENT_ID;
import static io.edgegateway.authorizer.token.TestTokens.ISSUER;
import static io.edgegateway.authorizer.token.TestTokens.KEY;
import static io.edgegateway.authorizer.token.TestTokens.accessClaims;
import static io.edgegateway.authorizer.token.TestTokens.idClaims;
import static io.edgegateway.authorizer.token.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.MutableClock;
import io.edgegateway.authorizer.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CognitoTokenVerifierTest {
  static final Duration TIMEOUT = Duration.ofSeconds(1);
  final Instant now = Instant.parse("2026-06-01T12:00:00Z");
  final MutableClock clock = new MutableClock(now);
  final JwksCacheTest.ScriptedSource jwks = new JwksCacheTest.ScriptedSource().then(JwksCacheTest.set(KEY));
  final CognitoTokenVerifier verifier = verifier(Set.of("id", "access"));

  CognitoTokenVerifier verifier(Set<String> uses) {
    return new CognitoTokenVerifier(new JwksCache(jwks, clock, Duration.ofSeconds(30)), ISSUER, CLIENT_ID, uses, clock);
  }

  @Test
  void acceptsAValidIdToken() throws Denied {
    Identity identity = verifier.verify("alice", sign(idClaims("alice", now).build(), KEY), TIMEOUT);
    assertThat(identity.username()).isEqualTo("alice");
    assertThat(identity.sub()).isEqualTo(TestTokens.SUB);
    assertThat(identity.groups()).containsExactly("fleet-admins");
    assertThat(identity.expiresAt()).contains(now.plusSeconds(3600));
  }

  @Test
  void acceptsAValidAccessToken() throws Denied {
    Identity identity = verifier.verify("alice", sign(accessClaims("alice", now).build(), KEY), TIMEOUT);
    assertThat(identity.username()).isEqualTo("alice");
    assertThat(identity.expiresAt()).contains(now.plusSeconds(3600));
  }

  @Test
  void verifiesManyTokensWithOneJwksFetch() throws Denied {
    for (int i = 0; i < 3; i++) {
      verifier.verify("alice", sign(idClaims("alice", now).build(), KEY), TIMEOUT);
    }
    assertThat(jwks.calls).isEqualTo(1);
  }

  @Test
  void garbageIsMalformed() throws JOSEException {
    assertDenied("alice", "a.b.c", DenialReason.TOKEN_MALFORMED);
    assertDenied("alice", "eyJub3QganNvbg.e30.c2ln", DenialReason.TOKEN_MALFORMED);
    // Correctly signed, but the payload is not a claims set.
    JWSObject notClaims = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-1").build(),
        new Payload("not json"));
    notClaims.sign(new RSASSASigner(KEY));
    assertDenied("alice", notClaims.serialize(), DenialReason.TOKEN_MALFORMED);
  }

  @Test
  void unsignedTokenIsRefused() {
    String none = new PlainJWT(idClaims("alice", now).build()).serialize();
    assertDenied("alice", none, DenialReason.TOKEN_MALFORMED);
  }

  @Test
  void hs256SignedWithThePublicKeyIsRefused() throws JOSEException {
    // The classic algorithm confusion: HMAC with the RSA public key as secret.
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(),
        idClaims("alice", now).build());
    forged.sign(new MACSigner(KEY.toPublicJWK().toRSAPublicKey().getEncoded()));
    assertDenied("alice", forged.serialize(), DenialReason.TOKEN_ALG_NOT_ALLOWED);
  }

  @Test
  void otherRsaAlgorithmsAreRefused() {
    String rs512 = sign(idClaims("alice", now).build(), KEY, new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("key-1").build());
    assertDenied("alice", rs512, DenialReason.TOKEN_ALG_NOT_ALLOWED);
  }

  @Test
  void tokenWithoutKidIsRefused() {
    String noKid = sign(idClaims("alice", now).build(), KEY, new JWSHeader.Builder(JWSAlgorithm.RS256).build());
    assertDenied("alice", noKid, DenialReason.TOKEN_NO_KID);
  }

  @Test
  void tokenWithAnUnknownKidIsRefused() {
    assertDenied("alice", sign(idClaims("alice", now).build(), TestTokens.ROTATED_KEY), DenialReason.TOKEN_UNKNOWN_KID);
  }

  @Test
  void tokenSignedByAnotherKeyWithTheSameKidIsRefused() {
    assertDenied("alice", sign(idClaims("alice", now).build(), TestTokens.IMPOSTOR_KEY), DenialReason.TOKEN_BAD_SIGNATURE);
  }

  @Test
  void tamperedPayloadIsRefused() {
    String token = sign(idClaims("alice", now).build(), KEY);
    String[] parts = token.split("\\.");
    String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8).replace("alice", "admin");
    String tampered = parts[0] + "." + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertDenied("admin", tampered, DenialReason.TOKEN_BAD_SIGNATURE);
  }

  @Test
  void tokenFromAnotherIssuerIsRefused() {
    String other = sign(idClaims("alice", now).issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other").build(), KEY);
    assertDenied("alice", other, DenialReason.TOKEN_WRONG_ISSUER);
    assertDenied("alice", sign(idClaims("alice", now).issuer(null).build(), KEY), DenialReason.TOKEN_WRONG_ISSUER);
  }

  @Test
  void tokenOfAnotherUseIsRefused() {
    assertDenied("alice", sign(idClaims("alice", now).claim("token_use", "refresh").build(), KEY), DenialReason.TOKEN_WRONG_USE);
    assertDenied("alice", sign(idClaims("alice", now).claim("token_use", null).build(), KEY), DenialReason.TOKEN_WRONG_USE);
  }

  @Test
  void onlyTheConfiguredTokenUsesAreAccepted() {
    CognitoTokenVerifier idOnly = verifier(Set.of("id"));
    assertThatThrownBy(() -> idOnly.verify("alice", sign(accessClaims("alice", now).build(), KEY), TIMEOUT))
        .isInstanceOfSatisfying(Denied.class, d -> assertThat(d.reason()).isEqualTo(DenialReason.TOKEN_WRONG_USE));
  }

  @Test
  void tokenForAnotherAppClientIsRefused() {
    assertDenied("alice", sign(idClaims("alice", now).audience("other-client").build(), KEY), DenialReason.TOKEN_WRONG_CLIENT);
    assertDenied("alice", sign(idClaims("alice", now).audience((String) null).build(), KEY), DenialReason.TOKEN_WRONG_CLIENT);
    assertDenied("alice", sign(accessClaims("alice", now).claim("client_id", "other-client").build(), KEY),
        DenialReason.TOKEN_WRONG_CLIENT);
    assertDenied("alice", sign(accessClaims("alice", now).claim("client_id", null).audience(CLIENT_ID).build(), KEY),
        DenialReason.TOKEN_WRONG_CLIENT);
  }

  @Test
  void expiredTokenIsRefused() {
    String token = sign(idClaims("alice", now).expirationTime(Date.from(now.minusSeconds(1))).build(), KEY);
    assertDenied("alice", token, DenialReason.TOKEN_EXPIRED);
    String atExpiry = sign(idClaims("alice", now).expirationTime(Date.from(now)).build(), KEY);
    assertDenied("alice", atExpiry, DenialReason.TOKEN_EXPIRED);
  }

  @Test
  void aTokenStopsWorkingWhenItExpires() throws Denied {
    String token = sign(idClaims("alice", now).build(), KEY);
    verifier.verify("alice", token, TIMEOUT);
    clock.advance(Duration.ofSeconds(3600));
    assertDenied("alice", token, DenialReason.TOKEN_EXPIRED);
  }

  @Test
  void tokenWithoutExpiryIsRefused() {
    assertDenied("alice", sign(idClaims("alice", now).expirationTime(null).build(), KEY), DenialReason.TOKEN_NO_EXPIRY);
  }

  @Test
  void tokenNotYetValidIsRefused() {
    assertDenied("alice", sign(idClaims("alice", now).notBeforeTime(Date.from(now.plusSeconds(60))).build(), KEY),
        DenialReason.TOKEN_NOT_YET_VALID);
  }

  @Test
  void tokenWithoutSubOrUsernameIsRefused() {
    assertDenied("alice", sign(idClaims("alice", now).subject(null).build(), KEY), DenialReason.CLAIMS_INVALID);
    assertDenied("alice", sign(idClaims("alice", now).claim("cognito:username", null).build(), KEY), DenialReason.CLAIMS_INVALID);
    assertDenied("alice", sign(idClaims("alice", now).claim("cognito:groups", "fleet-admins").build(), KEY),
        DenialReason.CLAIMS_INVALID);
    assertDenied("alice", sign(idClaims("alice", now).claim("token_use", List.of("id")).build(), KEY),
        DenialReason.CLAIMS_INVALID);
  }

  @Test
  void theMqttUsernameMustBeTheTokensUsername() {
    assertDenied("bob", sign(idClaims("alice", now).build(), KEY), DenialReason.USERNAME_MISMATCH);
    assertDenied("Alice", sign(idClaims("alice", now).build(), KEY), DenialReason.USERNAME_MISMATCH);
  }

  @Test
  void aTokenDoesNotVerifyWhileTheJwksIsUnavailable() {
    JwksCacheTest.ScriptedSource down = new JwksCacheTest.ScriptedSource().then(new java.io.IOException("503"));
    CognitoTokenVerifier v = new CognitoTokenVerifier(new JwksCache(down, clock, Duration.ofSeconds(30)), ISSUER,
        CLIENT_ID, Set.of("id"), clock);
    assertThatThrownBy(() -> v.verify("alice", sign(idClaims("alice", now).build(), KEY), TIMEOUT))
        .isInstanceOfSatisfying(Denied.class, d -> assertThat(d.reason()).isEqualTo(DenialReason.JWKS_UNAVAILABLE));
  }

  private void assertDenied(String username, String token, DenialReason reason) {
    assertThatThrownBy(() -> verifier.verify(username, token, TIMEOUT)).isInstanceOfSatisfying(Denied.class,
        denied -> assertThat(denied.reason()).isEqualTo(reason));
  }

}
