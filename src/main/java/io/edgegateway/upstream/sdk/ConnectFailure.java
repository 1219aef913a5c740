package io.edgegateway.upstream.sdk;

import io.edgegateway.upstream.credentials.Denial;

/**
 * Why a connection attempt failed.
 *
 * @param denial      how IoT Core refused the credentials (the authorizer said no, or its policy does not
 *                    allow the client id), or null for a fault worth retrying soon
 * @param description what happened, in words (never a secret)
 */
public record ConnectFailure(Denial denial, String description) {

  /** Whether IoT Core refused the credentials, as opposed to a fault. */
  public boolean denied() {
    return denial != null;
  }
}
