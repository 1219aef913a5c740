package io.edgegateway.upstream.credentials;

import io.edgegateway.config.CredentialsConfig.CognitoConfig;
import io.edgegateway.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import io.edgegateway.upstream.pacing.Pacer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token mode: the gateway signs in to Cognito itself and sends the token as the MQTT password, so the
 * password never leaves the gateway except to Cognito. Tokens are reused until {@code refreshBefore}
 * their expiry, then refreshed with the refresh token (a full sign-in when that fails). Cognito calls
 * run on a worker thread. Confined to one Vert.x context.
 */
public final class TokenCredentials implements CredentialSource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TokenCredentials.class);
  /** A renewal is never scheduled sooner than this after a sign-in, whatever the token lifetime. */
  private static final Duration MIN_RENEWAL = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final String username;
  private final Secret password;
  private final Duration refreshBefore;
  private final Clock clock;
  private final CognitoSignIn cognito;
  private final boolean ownsCognito;
  private final Pacer signIns;
  private final Consumer<CognitoTokens> obtained;
  private CognitoTokens tokens;
  /** A sign-in or refresh under way: the connections that ask meanwhile share it. */
  private Future<CognitoTokens> obtaining;

  public TokenCredentials(Vertx vertx, String username, Secret password, CognitoConfig cognito, Clock clock) {
    this(vertx, username, password, cognito.refreshBefore(), clock, new CognitoSignIn(cognito, clock), true, null,
        null, t -> { });
  }

  /**
   * A device's tokens: signs in with a Cognito client shared by all devices, when {@code signIns} gives
   * the turn; starts from {@code held} (tokens of the user's earlier connection) when not null, and tells
   * {@code obtained} of each new set (null: the tokens were refused).
   */
  TokenCredentials(Vertx vertx, String username, Secret password, Duration refreshBefore, Clock clock,
      CognitoSignIn cognito, boolean ownsCognito, Pacer signIns, CognitoTokens held,
      Consumer<CognitoTokens> obtained) {
    this.vertx = vertx;
    this.username = username;
    this.password = password;
    this.refreshBefore = refreshBefore;
    this.clock = clock;
    this.cognito = cognito;
    this.ownsCognito = ownsCognito;
    this.signIns = signIns;
    this.tokens = held;
    this.obtained = obtained;
  }

  @Override
  public Future<UpstreamCredentials> next() {
    Instant now = clock.instant();
    CognitoTokens held = tokens;
    if (held != null && now.isBefore(held.expiresAt().minus(refreshBefore))) {
      return Future.succeededFuture(credentials(held, now));
    }
    if (obtaining == null) {
      Future<Void> turn = signIns == null ? Future.succeededFuture() : signIns.turn(username);
      obtaining = turn.compose(v -> vertx.executeBlocking(() -> obtain(held), false)).andThen(ar -> {
        obtaining = null;
        if (ar.succeeded()) {
          tokens = ar.result();
          obtained.accept(tokens);
        }
      });
    }
    return obtaining.map(fresh -> credentials(fresh, clock.instant()));
  }

  @Override
  public void refused() {
    tokens = null;
    obtained.accept(null);
  }

  @Override
  public String username() {
    return username;
  }

  private CognitoTokens obtain(CognitoTokens held) {
    if (held != null && held.refreshToken() != null) {
      try {
        return cognito.refresh(username, held.refreshToken());
      } catch (CredentialsRefusedException e) {
        LOG.info("refresh token of user {} refused ({}): signing in again", username, e.getMessage());
      }
    }
    return cognito.signIn(username, password.reveal());
  }

  private UpstreamCredentials credentials(CognitoTokens t, Instant now) {
    Instant renewAt = t.expiresAt().minus(refreshBefore);
    if (renewAt.isBefore(now.plus(MIN_RENEWAL))) {
      renewAt = now.plus(MIN_RENEWAL);
    }
    return new UpstreamCredentials(username, t.token().getBytes(StandardCharsets.UTF_8), renewAt);
  }

  @Override
  public void close() {
    if (ownsCognito) {
      cognito.close();
    }
  }
}
