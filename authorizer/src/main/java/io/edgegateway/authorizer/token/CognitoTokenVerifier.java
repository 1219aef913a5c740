package io.edgegateway.authorizer.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.edgegateway.authorizer.CredentialVerifier;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.identity.CognitoClaims;
import io.edgegateway.authorizer.identity.Identity;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Token mode: the MQTT password is a Cognito ID or access token. Verified here, without calling
 * Cognito: RS256 only, signature against the pool's JWKS ({@link JwksCache}), then {@code iss},
 * {@code token_use}, the app client ({@code aud} of an ID token, {@code client_id} of an access token),
 * {@code exp} and {@code nbf}. The MQTT username must be the token's username.
 */
public final class CognitoTokenVerifier implements CredentialVerifier {
  private final JwksCache jwks;
  private final String issuer;
  private final String clientId;
  private final Set<String> tokenUses;
  private final Clock clock;

  public CognitoTokenVerifier(JwksCache jwks, String issuer, String clientId, Set<String> tokenUses, Clock clock) {
    this.jwks = jwks;
    this.issuer = issuer;
    this.clientId = clientId;
    this.tokenUses = Set.copyOf(tokenUses);
    this.clock = clock;
  }

  @Override
  public Identity verify(String username, String token, Duration timeout) throws Denied {
    CompactJws jwt = CompactJws.parse(token);
    if (!JWSAlgorithm.RS256.equals(jwt.header().getAlgorithm())) {
      throw new Denied(DenialReason.TOKEN_ALG_NOT_ALLOWED, String.valueOf(jwt.header().getAlgorithm()));
    }
    String kid = jwt.header().getKeyID();
    if (kid == null || kid.isEmpty()) {
      throw new Denied(DenialReason.TOKEN_NO_KID);
    }
    RSAKey key = jwks.key(kid, timeout);
    if (!signatureValid(jwt, key)) {
      throw new Denied(DenialReason.TOKEN_BAD_SIGNATURE);
    }
    JWTClaimsSet claims = jwt.claims();
    checkClaims(claims);
    Identity identity = CognitoClaims.identity(claims, true);
    if (!identity.username().equals(username)) {
      throw new Denied(DenialReason.USERNAME_MISMATCH, "the MQTT username is not the token's");
    }
    return identity;
  }

  private void checkClaims(JWTClaimsSet claims) throws Denied {
    if (!issuer.equals(claims.getIssuer())) {
      throw new Denied(DenialReason.TOKEN_WRONG_ISSUER, String.valueOf(claims.getIssuer()));
    }
    String tokenUse = stringClaim(claims, "token_use");
    if (tokenUse == null || !tokenUses.contains(tokenUse)) {
      throw new Denied(DenialReason.TOKEN_WRONG_USE, String.valueOf(tokenUse));
    }
    if (CognitoClaims.ID_TOKEN.equals(tokenUse)) {
      List<String> audience = claims.getAudience();
      if (audience == null || !audience.contains(clientId)) {
        throw new Denied(DenialReason.TOKEN_WRONG_CLIENT, "aud " + audience);
      }
    } else {
      String tokenClient = stringClaim(claims, "client_id");
      if (!clientId.equals(tokenClient)) {
        throw new Denied(DenialReason.TOKEN_WRONG_CLIENT, "client_id " + tokenClient);
      }
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw new Denied(DenialReason.TOKEN_NO_EXPIRY);
    }
    if (!now.isBefore(exp.toInstant())) {
      throw new Denied(DenialReason.TOKEN_EXPIRED, "at " + exp.toInstant());
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.isBefore(nbf.toInstant())) {
      throw new Denied(DenialReason.TOKEN_NOT_YET_VALID, "from " + nbf.toInstant());
    }
  }

  private static boolean signatureValid(CompactJws jwt, RSAKey key) throws Denied {
    try {
      return new RSASSAVerifier(key).verify(jwt.header(), jwt.signingInput(), jwt.signature());
    } catch (JOSEException | RuntimeException e) {
      throw new Denied(DenialReason.TOKEN_BAD_SIGNATURE, e.getClass().getSimpleName());
    }
  }

  private static String stringClaim(JWTClaimsSet claims, String name) throws Denied {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException e) {
      throw new Denied(DenialReason.CLAIMS_INVALID, name + " is not a string");
    }
  }
}
