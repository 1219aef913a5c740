package io.edgegateway.authorizer.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** RSA keys and Cognito-shaped tokens signed with them. */
final class TestTokens {
  static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";
  static final String CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado";
  static final String SUB = "77d5c30c-ce65-46f5-898b-acedae51dadf";
  static final RSAKey KEY = generate("key-1");
  static final RSAKey ROTATED_KEY = generate("key-2");
  /** Same kid as {@link #KEY}, different key: an attacker's. */
  static final RSAKey IMPOSTOR_KEY = generate("key-1");

  private TestTokens() {
  }

  static RSAKey generate(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static JWTClaimsSet.Builder idClaims(String username, Instant now) {
    return new JWTClaimsSet.Builder().issuer(ISSUER).subject(SUB).audience(CLIENT_ID)
        .claim("token_use", "id").claim("cognito:username", username)
        .claim("cognito:groups", List.of("fleet-admins"))
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)));
  }

  static JWTClaimsSet.Builder accessClaims(String username, Instant now) {
    return new JWTClaimsSet.Builder().issuer(ISSUER).subject(SUB).claim("client_id", CLIENT_ID)
        .claim("token_use", "access").claim("username", username)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)));
  }

  static String sign(JWTClaimsSet claims, RSAKey key) {
    return sign(claims, key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build());
  }

  static String sign(JWTClaimsSet claims, RSAKey key, JWSHeader header) {
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
