package io.edgegateway.upstream.sdk;

/**
 * Why a connection attempt failed.
 *
 * @param denied      IoT Core refused the credentials (CONNACK "not authorized" or "bad user name or
 *                    password": the authorizer said no), as opposed to a fault worth retrying soon
 * @param description what happened, in words (never a secret)
 */
public record ConnectFailure(boolean denied, String description) {
}
