package io.edgegateway.upstream.credentials;

import io.edgegateway.config.Secret;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;

/** Password mode: the Cognito password is the MQTT password, checked by the authorizer at each CONNECT. */
public final class PasswordCredentials implements CredentialSource {

  private final String username;
  private final Secret password;

  public PasswordCredentials(String username, Secret password) {
    this.username = username;
    this.password = password;
  }

  @Override
  public Future<UpstreamCredentials> next() {
    return Future.succeededFuture(
        new UpstreamCredentials(username, password.reveal().getBytes(StandardCharsets.UTF_8), null));
  }

  @Override
  public void refused() {
    // nothing cached: the same password is all there is
  }

  @Override
  public String username() {
    return username;
  }
}
