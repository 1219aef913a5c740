package io.edgegateway.cli.doctor;

import java.time.Duration;

/**
 * What {@code edge-gateway doctor} checks with, beyond the configuration.
 *
 * @param clientId    the MQTT client id of the test connection
 * @param topic       the topic the test message goes to (and comes back from)
 * @param publishOnly publish only: no subscription, so no echo is awaited
 * @param timeout     how long each network step may take, and how long the echo may take to come back
 */
public record ProbeOptions(String clientId, String topic, boolean publishOnly, Duration timeout) {
}
