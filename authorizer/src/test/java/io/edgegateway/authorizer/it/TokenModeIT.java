package io.edgegateway.authorizer.it;

import static io.edgegateway.authorizer.it.ItSupport.env;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import io.edgegateway.authorizer.Events;
import io.edgegateway.authorizer.config.AuthorizerConfig;
import io.edgegateway.authorizer.config.ConfigLoader;
import io.edgegateway.authorizer.identity.Identity;
import io.edgegateway.authorizer.token.CognitoTokenVerifier;
import io.edgegateway.authorizer.token.HttpJwksSource;
import io.edgegateway.authorizer.token.JwksCache;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;

/**
 * Token mode against cognito-local: tokens it issues, verified against its JWKS. cognito-local signs
 * every pool's tokens with one key (kid "CognitoLocal"), so a token from another pool passes the signature
 * check and only the issuer check stops it.
 */
class TokenModeIT {
  static CognitoLocal cognito;
  static CognitoIdentityProviderClient admin;
  static TestPool pool;
  static String clientId;
  static String otherClientId;
  static String expiringClientId;
  static String password;
  static String sub;
  static TestPool otherPool;
  static String otherPoolClientId;
  static ItSupport tokenOnly;
  static ItSupport bothModes;

  @BeforeAll
  static void start() throws Exception {
    cognito = CognitoLocal.start();
    admin = cognito.adminClient();
    pool = TestPool.create(admin, "edge-gateway-token-mode");
    clientId = pool.client("edge-gateway", b -> b.idTokenValidity(1).accessTokenValidity(1)
        .tokenValidityUnits(u -> u.idToken(TimeUnitsType.HOURS).accessToken(TimeUnitsType.HOURS)));
    otherClientId = pool.client("some-other-app");
    // Tokens that expire the second they are issued (exp = iat): really expired, signed by cognito-local.
    expiringClientId = pool.client("zero-lifetime", b -> b.idTokenValidity(0).accessTokenValidity(0)
        .tokenValidityUnits(u -> u.idToken(TimeUnitsType.SECONDS).accessToken(TimeUnitsType.SECONDS)));
    password = TestPool.newPassword();
    sub = pool.confirmedUser("gateway-1", password);
    otherPool = TestPool.create(admin, "someone-elses-pool");
    otherPoolClientId = otherPool.client("edge-gateway");
    otherPool.confirmedUser("gateway-1", password);

    tokenOnly = new ItSupport(env(cognito, pool.poolId, clientId, "AUTH_MODES", "token"));
    bothModes = new ItSupport(env(cognito, pool.poolId, clientId, "AUTH_MODES", "password,token"));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (cognito != null) {
      cognito.close();
    }
  }

  AuthenticationResultType tokens() {
    return pool.login(clientId, "gateway-1", password);
  }

  @Test
  void aFreshIdTokenIsAllowedUntilItExpiresAtTheLatest() {
    ItSupport.Result result = tokenOnly.invoke(Events.mqtt("gateway-1", tokens().idToken(), "gateway-1"));
    assertThat(result.allowed()).as(result.logLine()).isTrue();
    assertThat(result.response()).containsEntry("principalId", sub.replace("-", ""));
    assertThat((Integer) result.response().get("disconnectAfterInSeconds"))
        .as("the token lives one hour: disconnect no later").isBetween(3_590, 3_600);
    assertThat(result.resources()).contains("iot:Connect arn:aws:iot:eu-west-1:123456789012:client/gateway-1");
    assertThat(result.log()).containsEntry("mode", "token").containsEntry("decision", "allow");
  }

  @Test
  void aFreshAccessTokenIsAllowed() {
    ItSupport.Result result = tokenOnly.invoke(Events.mqtt("gateway-1", tokens().accessToken(), "gateway-1"));
    assertThat(result.allowed()).as(result.logLine()).isTrue();
  }

  @Test
  void theTokenIsNeverLogged() {
    String token = tokens().idToken();
    ItSupport.Result result = tokenOnly.invoke(Events.mqtt("gateway-1", token, "gateway-1"));
    assertThat(result.logLine()).doesNotContain(token).doesNotContain(token.split("\\.")[2]);
  }

  @Test
  void anExpiredTokenIsDenied() {
    AuthenticationResultType expired = pool.login(expiringClientId, "gateway-1", password);
    ItSupport expiringClient = new ItSupport(env(cognito, pool.poolId, expiringClientId, "AUTH_MODES", "token"));
    for (String token : new String[] {expired.idToken(), expired.accessToken()}) {
      ItSupport.Result result = expiringClient.invoke(Events.mqtt("gateway-1", token, "gateway-1"));
      assertThat(result.allowed()).isFalse();
      assertThat(result.reason()).isEqualTo("token_expired");
    }
  }

  @Test
  void aTamperedTokenIsDenied() {
    String token = tokens().idToken();
    String[] parts = token.split("\\.");
    String claims = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
        .replace("\"cognito:username\":\"gateway-1\"", "\"cognito:username\":\"gateway-2\"");
    assertThat(claims).contains("gateway-2");
    String tampered = parts[0] + "." + Base64URL.encode(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    ItSupport.Result result = tokenOnly.invoke(Events.mqtt("gateway-2", tampered, "gateway-2"));
    assertThat(result.allowed()).isFalse();
    assertThat(result.reason()).isEqualTo("token_bad_signature");

    String flippedSignature = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);
    assertThat(tokenOnly.invoke(Events.mqtt("gateway-1", flippedSignature, "gateway-1")).reason())
        .isEqualTo("token_bad_signature");
  }

  @Test
  void aTokenForAnotherAppClientIsDenied() {
    AuthenticationResultType other = pool.login(otherClientId, "gateway-1", password);
    for (String token : new String[] {other.idToken(), other.accessToken()}) {
      ItSupport.Result result = tokenOnly.invoke(Events.mqtt("gateway-1", token, "gateway-1"));
      assertThat(result.allowed()).isFalse();
      assertThat(result.reason()).isEqualTo("token_wrong_client");
    }
  }

  @Test
  void aTokenFromAnotherPoolIsDenied() {
    AuthenticationResultType other = otherPool.login(otherPoolClientId, "gateway-1", password);
    ItSupport.Result result = tokenOnly.invoke(Events.mqtt("gateway-1", other.idToken(), "gateway-1"));
    assertThat(result.allowed()).isFalse();
    assertThat(result.reason()).isEqualTo("token_wrong_issuer");
  }

  @Test
  void aTokenSentUnderAnotherUsernameIsDenied() {
    ItSupport.Result result = tokenOnly.invoke(Events.mqtt("gateway-2", tokens().idToken(), "gateway-2"));
    assertThat(result.allowed()).isFalse();
    assertThat(result.reason()).isEqualTo("username_mismatch");
  }

  @Test
  void tokenModeAloneDeniesAPassword() {
    ItSupport.Result result = tokenOnly.invoke(Events.mqtt("gateway-1", password, "gateway-1"));
    assertThat(result.allowed()).isFalse();
    assertThat(result.reason()).isEqualTo("not_a_token");
  }

  @Test
  void withBothModesAJwtIsCheckedAsATokenAndAPasswordAsAPassword() {
    ItSupport.Result token = bothModes.invoke(Events.mqtt("gateway-1", tokens().idToken(), "gateway-1"));
    assertThat(token.allowed()).isTrue();
    assertThat(token.log()).containsEntry("mode", "token");
    ItSupport.Result pw = bothModes.invoke(Events.mqtt("gateway-1", password, "gateway-1"));
    assertThat(pw.allowed()).as(pw.logLine()).isTrue();
    assertThat(pw.log()).containsEntry("mode", "password");
    assertThat(pw.response()).containsEntry("disconnectAfterInSeconds", 86_400);
  }

  @Test
  void theJwksIsFetchedOnceFromCognitoLocal() throws Exception {
    AuthorizerConfig config = ConfigLoader.load(env(cognito, pool.poolId, clientId, "AUTH_MODES", "token"));
    assertThat(config.jwksUrl().toString()).isEqualTo(cognito.endpoint() + "/" + pool.poolId + "/.well-known/jwks.json");
    JwksCache jwks = new JwksCache(new HttpJwksSource(config.jwksUrl()), Clock.systemUTC(), Duration.ofSeconds(30));
    CognitoTokenVerifier verifier = new CognitoTokenVerifier(jwks, config.tokenIssuer(), clientId, config.tokenUses(),
        Clock.systemUTC());
    for (int i = 0; i < 3; i++) {
      Identity identity = verifier.verify("gateway-1", tokens().idToken(), Duration.ofSeconds(2));
      assertThat(identity.sub()).isEqualTo(sub);
    }
    assertThat(jwks.fetches()).isEqualTo(1);
  }
}
