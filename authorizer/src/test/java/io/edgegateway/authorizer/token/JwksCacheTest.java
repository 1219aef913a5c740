package io.edgegateway.authorizer.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwksCacheTest {
  static final Duration TIMEOUT = Duration.ofSeconds(1);
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  /** Answers the queued key sets in turn; an empty queue answers the last one again. */
  static final class ScriptedSource implements JwksSource {
    final Deque<Object> answers = new ArrayDeque<>();
    Object last;
    int calls;

    ScriptedSource then(Object answer) {
      answers.add(answer);
      return this;
    }

    @Override
    public JWKSet fetch(Duration timeout) throws IOException {
      calls++;
      Object answer = answers.isEmpty() ? last : answers.poll();
      last = answer;
      if (answer instanceof IOException e) {
        throw e;
      }
      return (JWKSet) answer;
    }
  }

  static JWKSet set(RSAKey... keys) {
    return new JWKSet(List.of(keys).stream().map(RSAKey::toPublicJWK).map(k -> (com.nimbusds.jose.jwk.JWK) k).toList());
  }

  @Test
  void fetchesOnceAndKeepsTheKeys() throws Denied {
    ScriptedSource source = new ScriptedSource().then(set(TestTokens.KEY));
    JwksCache cache = new JwksCache(source, clock, Duration.ofSeconds(30));
    for (int i = 0; i < 5; i++) {
      assertThat(cache.key("key-1", TIMEOUT).getModulus()).isEqualTo(TestTokens.KEY.getModulus());
    }
    assertThat(source.calls).isEqualTo(1);
    assertThat(cache.fetches()).isEqualTo(1);
  }

  @Test
  void anUnknownKidFetchesAgainAndFindsARotatedKey() throws Denied {
    ScriptedSource source = new ScriptedSource().then(set(TestTokens.KEY)).then(set(TestTokens.KEY, TestTokens.ROTATED_KEY));
    JwksCache cache = new JwksCache(source, clock, Duration.ofSeconds(30));
    cache.key("key-1", TIMEOUT);
    clock.advance(Duration.ofSeconds(31));
    assertThat(cache.key("key-2", TIMEOUT).getModulus()).isEqualTo(TestTokens.ROTATED_KEY.getModulus());
    assertThat(source.calls).isEqualTo(2);
  }

  @Test
  void unknownKidsDoNotRefetchMoreThanOncePerInterval() throws Denied {
    ScriptedSource source = new ScriptedSource().then(set(TestTokens.KEY));
    JwksCache cache = new JwksCache(source, clock, Duration.ofSeconds(30));
    cache.key("key-1", TIMEOUT);
    for (int i = 0; i < 10; i++) {
      String kid = "made-up-" + i;
      assertThatThrownBy(() -> cache.key(kid, TIMEOUT)).isInstanceOfSatisfying(Denied.class,
          denied -> assertThat(denied.reason()).isEqualTo(DenialReason.TOKEN_UNKNOWN_KID));
    }
    assertThat(source.calls).as("no refetch within 30 s of the last").isEqualTo(1);
    clock.advance(Duration.ofSeconds(30));
    assertThatThrownBy(() -> cache.key("made-up-again", TIMEOUT)).isInstanceOf(Denied.class);
    assertThat(source.calls).isEqualTo(2);
  }

  @Test
  void anUnreachableJwksDeniesAndIsTriedAgainNextTime() throws Denied {
    ScriptedSource source = new ScriptedSource().then(new IOException("connection refused")).then(set(TestTokens.KEY));
    JwksCache cache = new JwksCache(source, clock, Duration.ofSeconds(30));
    assertThatThrownBy(() -> cache.key("key-1", TIMEOUT)).isInstanceOfSatisfying(Denied.class,
        denied -> assertThat(denied.reason()).isEqualTo(DenialReason.JWKS_UNAVAILABLE));
    assertThat(cache.key("key-1", TIMEOUT)).isNotNull();
  }

  @Test
  void keysForEncryptionOrOtherAlgorithmsAreIgnored() throws Exception {
    RSAKey encryption = new RSAKey.Builder(TestTokens.generate("enc").toRSAPublicKey()).keyID("enc")
        .keyUse(KeyUse.ENCRYPTION).build();
    RSAKey rs512 = new RSAKey.Builder(TestTokens.generate("rs512").toRSAPublicKey()).keyID("rs512")
        .algorithm(com.nimbusds.jose.JWSAlgorithm.RS512).build();
    var hmac = new OctetSequenceKeyGenerator(256).keyID("hmac").generate();
    JWKSet mixed = new JWKSet(List.of(encryption, rs512, hmac, TestTokens.KEY.toPublicJWK()));
    JwksCache cache = new JwksCache(new ScriptedSource().then(mixed), clock, Duration.ofSeconds(30));
    assertThat(cache.key("key-1", TIMEOUT)).isNotNull();
    for (String kid : List.of("enc", "rs512", "hmac")) {
      assertThatThrownBy(() -> cache.key(kid, TIMEOUT)).isInstanceOfSatisfying(Denied.class,
          denied -> assertThat(denied.reason()).isEqualTo(DenialReason.TOKEN_UNKNOWN_KID));
    }
  }
}
