package io.edgegateway.local;

import java.time.Instant;

/**
 * A device connected now, as the status page lists it.
 *
 * @param clientId      its MQTT client id (any text the device chose)
 * @param username      the username it authenticated with, or null when anonymous
 * @param remoteAddress where it connects from
 * @param mqtt5         whether it speaks MQTT 5 (else 3.1.1)
 * @param since         when this connection was accepted
 */
public record ConnectedDevice(String clientId, String username, String remoteAddress, boolean mqtt5,
    Instant since) {
}
