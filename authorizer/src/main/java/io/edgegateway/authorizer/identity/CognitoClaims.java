package io.edgegateway.authorizer.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.DenialReason;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Reads the identity out of a Cognito ID or access token's claims: {@code sub}, the username
 * ({@code cognito:username} in an ID token, {@code username} in an access token), {@code cognito:groups}
 * and {@code exp}. Checks nothing about signature, issuer or audience: its callers do.
 */
public final class CognitoClaims {
  public static final String ID_TOKEN = "id";
  public static final String ACCESS_TOKEN = "access";

  private CognitoClaims() {
  }

  public static Identity identity(JWTClaimsSet claims, boolean withExpiry) throws Denied {
    try {
      String tokenUse = claims.getStringClaim("token_use");
      String usernameClaim = ACCESS_TOKEN.equals(tokenUse) ? "username" : "cognito:username";
      String sub = claims.getSubject();
      if (sub == null || sub.isEmpty()) {
        throw new Denied(DenialReason.CLAIMS_INVALID, "no sub");
      }
      String username = claims.getStringClaim(usernameClaim);
      if (username == null || username.isEmpty()) {
        throw new Denied(DenialReason.CLAIMS_INVALID, "no " + usernameClaim);
      }
      List<String> groups = claims.getStringListClaim("cognito:groups");
      Date exp = claims.getExpirationTime();
      Optional<Instant> expiresAt = withExpiry && exp != null ? Optional.of(exp.toInstant()) : Optional.empty();
      return new Identity(username, sub, groups == null ? List.of() : groups, expiresAt);
    } catch (ParseException | RuntimeException e) {
      throw new Denied(DenialReason.CLAIMS_INVALID, "a claim has the wrong type");
    }
  }
}
