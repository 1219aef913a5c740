package io.edgegateway.upstream.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.authorizer.it.CognitoLocal;
import io.edgegateway.authorizer.it.TestPool;
import io.edgegateway.config.CredentialsConfig.CognitoConfig;
import io.edgegateway.upstream.pacing.Pacer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** Devices' tokens in token mode, against cognito-local: kept for a reconnect with the same password. */
@ExtendWith(VertxExtension.class)
class DeviceTokensTest {

  private static CognitoLocal cognito;
  private static CognitoIdentityProviderClient admin;
  private static TestPool pool;
  private static String appClient;

  @BeforeAll
  static void pool() throws Exception {
    cognito = CognitoLocal.start();
    admin = cognito.adminClient();
    pool = TestPool.create(admin, "device-tokens");
    appClient = pool.client("devices");
  }

  @AfterAll
  static void stop() throws Exception {
    if (admin != null) {
      admin.close();
    }
    if (cognito != null) {
      cognito.close();
    }
  }

  private static <T> T onContext(Vertx vertx, Supplier<Future<T>> call) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    vertx.runOnContext(v -> call.get().onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        result.completeExceptionally(ar.cause());
      }
    }));
    try {
      return result.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aReconnectWithTheSamePasswordReusesTheTokensWithoutAskingCognitoAndAnotherPasswordIsChecked(Vertx vertx)
      throws Exception {
    String password = TestPool.newPassword();
    pool.confirmedUser("meter-1", password);
    DeviceTokens tokens = new DeviceTokens(vertx, new CognitoConfig("eu-west-1", appClient, null, cognito.endpoint(),
        "id", Duration.ofMinutes(5)), new Pacer(vertx, 10), new PasswordMemo(), Clock.systemUTC(), 10);
    try {
      UpstreamCredentials first = onContext(vertx, () -> tokens.forDevice("meter-1", bytes(password)).next());
      // from now on Cognito refuses the old password: only the kept tokens can answer with it
      admin.adminSetUserPassword(b -> b.userPoolId(pool.poolId).username("meter-1")
          .password(TestPool.newPassword()).permanent(true));

      UpstreamCredentials again = onContext(vertx, () -> tokens.forDevice("meter-1", bytes(password)).next());

      assertThat(again.password()).isEqualTo(first.password());
      assertThat(new String(first.password(), StandardCharsets.UTF_8)).startsWith("eyJ").doesNotContain(password);
      // another password is not answered from the kept tokens: it goes to Cognito, which refuses it
      assertThatThrownBy(() -> onContext(vertx, () -> tokens.forDevice("meter-1", bytes("not-" + password)).next()))
          .isInstanceOf(CredentialsRefusedException.class);
    } finally {
      tokens.close();
    }
  }

  @Test
  void tokensRefusedUpstreamAreForgotten(Vertx vertx) throws Exception {
    String password = TestPool.newPassword();
    pool.confirmedUser("meter-2", password);
    DeviceTokens tokens = new DeviceTokens(vertx, new CognitoConfig("eu-west-1", appClient, null, cognito.endpoint(),
        "id", Duration.ofMinutes(5)), new Pacer(vertx, 10), new PasswordMemo(), Clock.systemUTC(), 10);
    try {
      CredentialSource source = onContext(vertx, () -> Future.succeededFuture(tokens.forDevice("meter-2",
          bytes(password))));
      onContext(vertx, source::next);
      assertThat(tokens.kept()).isEqualTo(1);

      onContext(vertx, () -> {
        source.refused();
        return Future.succeededFuture();
      });

      assertThat(tokens.kept()).isZero();
    } finally {
      tokens.close();
    }
  }
}
