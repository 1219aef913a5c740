package io.edgegateway.upstream.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtExpiryTest {

  private static String jwt(String claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
  }

  @Test
  void readsTheExpClaim() {
    assertThat(JwtExpiry.of(jwt("{\"sub\":\"x\",\"exp\":1795551385}"))).contains(Instant.ofEpochSecond(1795551385));
  }

  @Test
  void anythingElseHasNoExpiry() {
    assertThat(JwtExpiry.of("not-a-jwt")).isEmpty();
    assertThat(JwtExpiry.of(jwt("{\"sub\":\"x\"}"))).isEmpty();
    assertThat(JwtExpiry.of(jwt("{\"exp\":\"soon\"}"))).isEmpty();
    assertThat(JwtExpiry.of("a.%%%.c")).isEmpty();
  }
}
