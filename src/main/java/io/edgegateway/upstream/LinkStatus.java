package io.edgegateway.upstream;

import java.time.Instant;

/**
 * What one upstream connection is doing, for health checks, logs and the status page.
 *
 * @param clientId  its MQTT client id
 * @param state     its state
 * @param since     when it entered that state
 * @param lastError the last failure in words (never a secret), or null
 * @param nextAttempt when the next connection attempt is due (retrying or denied), or null
 * @param queued    messages waiting to be sent
 * @param inflight  QoS 1 messages sent and not yet acknowledged
 */
public record LinkStatus(String clientId, LinkState state, Instant since, String lastError, Instant nextAttempt,
    int queued, int inflight) {
}
