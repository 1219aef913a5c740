package io.edgegateway.upstream.credentials;

import io.vertx.core.Future;

/** Where the upstream link gets the credentials for its next CONNECT. */
public interface CredentialSource {

  /**
   * Credentials for the next CONNECT. Fails with {@link CredentialsRefusedException} when the identity
   * provider refused them (retrying soon will not help), with anything else for a fault worth retrying.
   */
  Future<UpstreamCredentials> next();

  /** The authorizer refused the last credentials: do not hand out the same cached ones again. */
  void refused();

  /** The Cognito username, for logs. */
  String username();
}
