package io.edgegateway.authorizer.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityValuesTest {

  @ParameterizedTest
  @ValueSource(strings = {"alice", "Gateway-07", "bob@example.com", "a_b.c-d", "0"})
  void safeNames(String name) {
    assertThat(SafeName.isSafe(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "*", "?", "/", "+", "#", "$", "{", "}", " ", ":", "\"", "\\", ",", "é", "a\nb", "\u0000"})
  void unsafeNames(String name) {
    assertThat(SafeName.isSafe(name)).isFalse();
    if (!name.isEmpty()) {
      assertThat(SafeName.isSafe("x" + name + "y")).isFalse();
    }
  }

  @Test
  void principalIdIsTheSubWithoutDashes() {
    assertThat(PrincipalId.fromSub("77d5c30c-ce65-46f5-898b-acedae51dadf")).contains("77d5c30cce6546f5898bacedae51dadf");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "alice", "77d5c30c-ce65-46f5-898b-acedae51dad", "77d5c30c-ce65-46f5-898b-acedae51dadf0",
      "77d5c30c_ce65_46f5_898b_acedae51dadf", "77d5c30c-ce65-46f5-898b-acedae51dadg"})
  void subThatIsNotAUuidGivesNoPrincipalId(String sub) {
    assertThat(PrincipalId.fromSub(sub)).isEmpty();
  }

  @Test
  void idTokenClaims() throws Denied {
    Instant exp = Instant.parse("2030-01-01T00:00:00Z");
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("s-1").claim("token_use", "id")
        .claim("cognito:username", "alice").claim("cognito:groups", List.of("a", "b"))
        .expirationTime(Date.from(exp)).build();
    Identity identity = CognitoClaims.identity(claims, true);
    assertThat(identity.username()).isEqualTo("alice");
    assertThat(identity.sub()).isEqualTo("s-1");
    assertThat(identity.groups()).containsExactly("a", "b");
    assertThat(identity.expiresAt()).contains(exp);
    assertThat(CognitoClaims.identity(claims, false).expiresAt()).isEmpty();
  }

  @Test
  void accessTokenClaimsUseUsername() throws Denied {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("s-1").claim("token_use", "access")
        .claim("username", "bob").claim("cognito:username", "not-this-one").build();
    Identity identity = CognitoClaims.identity(claims, true);
    assertThat(identity.username()).isEqualTo("bob");
    assertThat(identity.groups()).isEmpty();
  }

  @Test
  void missingOrMistypedClaimsDeny() {
    assertClaimsInvalid(new JWTClaimsSet.Builder().claim("token_use", "id").claim("cognito:username", "a").build());
    assertClaimsInvalid(new JWTClaimsSet.Builder().subject("s").claim("token_use", "id").build());
    assertClaimsInvalid(new JWTClaimsSet.Builder().subject("s").claim("token_use", "access")
        .claim("cognito:username", "a").build());
    assertClaimsInvalid(new JWTClaimsSet.Builder().subject("s").claim("token_use", "id")
        .claim("cognito:username", 42).build());
    assertClaimsInvalid(new JWTClaimsSet.Builder().subject("s").claim("token_use", "id")
        .claim("cognito:username", "a").claim("cognito:groups", List.of(1, 2)).build());
  }

  private static void assertClaimsInvalid(JWTClaimsSet claims) {
    assertThatThrownBy(() -> CognitoClaims.identity(claims, true)).isInstanceOfSatisfying(Denied.class,
        denied -> assertThat(denied.reason()).isEqualTo(DenialReason.CLAIMS_INVALID));
  }
}
