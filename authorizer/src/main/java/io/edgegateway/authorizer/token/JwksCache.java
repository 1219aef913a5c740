package io.edgegateway.authorizer.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The pool's RSA signing keys by {@code kid}: fetched on first use, kept, and fetched again when a token
 * names a {@code kid} that is not known (Cognito rotated its keys). Such refetches happen at most once per
 * {@code minRefreshInterval}, so tokens with made-up {@code kid}s cannot make the function hammer the
 * JWKS endpoint. Thread-safe (the local {@code serve} command calls it from several threads).
 */
public final class JwksCache {
  public static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

  private final JwksSource source;
  private final Clock clock;
  private final Duration minRefreshInterval;
  private Map<String, RSAKey> keys;
  private Instant lastFetch;
  private int fetches;

  public JwksCache(JwksSource source, Clock clock, Duration minRefreshInterval) {
    this.source = source;
    this.clock = clock;
    this.minRefreshInterval = minRefreshInterval;
  }

  public synchronized RSAKey key(String kid, Duration timeout) throws Denied {
    if (keys == null) {
      fetch(timeout);
    }
    RSAKey key = keys.get(kid);
    if (key != null) {
      return key;
    }
    if (lastFetch != null && clock.instant().isBefore(lastFetch.plus(minRefreshInterval))) {
      throw new Denied(DenialReason.TOKEN_UNKNOWN_KID, "kid not in the JWKS (fetched recently)");
    }
    fetch(timeout);
    key = keys.get(kid);
    if (key == null) {
      throw new Denied(DenialReason.TOKEN_UNKNOWN_KID, "kid not in the JWKS");
    }
    return key;
  }

  /** How many times the JWKS was fetched (successfully or not). */
  public synchronized int fetches() {
    return fetches;
  }

  private void fetch(Duration timeout) throws Denied {
    fetches++;
    JWKSet set;
    try {
      set = source.fetch(timeout);
    } catch (IOException | RuntimeException e) {
      throw new Denied(DenialReason.JWKS_UNAVAILABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    Map<String, RSAKey> byKid = new HashMap<>();
    for (JWK jwk : set.getKeys()) {
      if (jwk instanceof RSAKey rsa && rsa.getKeyID() != null
          && (rsa.getKeyUse() == null || KeyUse.SIGNATURE.equals(rsa.getKeyUse()))
          && (rsa.getAlgorithm() == null || JWSAlgorithm.RS256.equals(rsa.getAlgorithm()))) {
        byKid.put(rsa.getKeyID(), rsa);
      }
    }
    keys = byKid;
    lastFetch = clock.instant();
  }
}
