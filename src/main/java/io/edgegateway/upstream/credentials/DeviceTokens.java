package io.edgegateway.upstream.credentials;

import io.edgegateway.config.CredentialsConfig.CognitoConfig;
import io.edgegateway.config.Secret;
import io.edgegateway.upstream.pacing.Pacer;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token mode for devices' own connections: the gateway signs each device in to Cognito with the app client
 * of the configuration, at most {@code signInsPerSecond} at a time over all devices (Cognito's
 * UserAuthentication quota is shared by the account), and sends the token upstream. A user's tokens are
 * kept after its device disconnects, with a {@link PasswordMemo} of the password that obtained them: a
 * device that reconnects with the same password reuses them, without a call to Cognito, until they are due
 * for renewal. Passwords are not kept once a device's connection is gone. Confined to one Vert.x context,
 * but for {@link #close()}.
 */
public final class DeviceTokens implements DeviceCredentials {

  private final Vertx vertx;
  private final CognitoConfig config;
  private final Clock clock;
  private final CognitoSignIn cognito;
  private final Pacer signIns;
  private final PasswordMemo memo;
  private final Map<String, Held> held;

  /** @param keep how many users' tokens are kept at most (the least recently used go first) */
  public DeviceTokens(Vertx vertx, CognitoConfig config, Pacer signIns, PasswordMemo memo, Clock clock, int keep) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.cognito = new CognitoSignIn(config, clock);
    this.signIns = signIns;
    this.memo = memo;
    this.held = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
        return size() > keep;
      }
    };
  }

  /** The credentials of one device's connection, starting from the user's kept tokens when the password is the same. */
  @Override
  public CredentialSource forDevice(String username, byte[] password) {
    Held h = held.get(username);
    CognitoTokens start = h != null && memo.matches(h.memo, password) ? h.tokens : null;
    byte[] m = memo.of(password);
    return new TokenCredentials(vertx, username, new Secret("the device's MQTT password",
        new String(password, StandardCharsets.UTF_8)), config.refreshBefore(), clock, cognito, false, signIns, start,
        tokens -> {
          if (tokens == null) {
            held.remove(username);
          } else {
            held.put(username, new Held(m, tokens));
          }
        });
  }

  /** Tokens kept, for tests. */
  int kept() {
    return held.size();
  }

  @Override
  public void close() {
    cognito.close();
  }

  private record Held(byte[] memo, CognitoTokens tokens) {
  }
}
