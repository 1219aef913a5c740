package io.edgegateway.config;

import java.time.Duration;

/**
 * Limits of the local broker. A device over a limit is refused or slowed; others are unaffected.
 *
 * @param maxConnections       devices connected at once, over all listeners
 * @param maxPacketSize        largest MQTT packet accepted from a device, bytes
 * @param maxClientIdLength    longest client id accepted, UTF-8 bytes
 * @param connectTimeout       time a new socket has to send CONNECT
 * @param maxInflight          QoS 1/2 messages in flight per client, each way (MQTT 5 Receive Maximum)
 * @param maxPublishRate       messages per second one client may publish; 0 = unlimited
 * @param maxKeepAlive         largest keep-alive granted; longer requests are cut down (MQTT 5) or refused
 *                             (3.1.1 clients asking 0 or more are given it as is, up to this bound)
 * @param maxSubscriptions     subscriptions one client may hold
 * @param maxPendingWriteBytes bytes queued towards one slow client before its QoS 0 messages are dropped
 */
public record LimitsConfig(
    int maxConnections,
    int maxPacketSize,
    int maxClientIdLength,
    Duration connectTimeout,
    int maxInflight,
    int maxPublishRate,
    Duration maxKeepAlive,
    int maxSubscriptions,
    int maxPendingWriteBytes) {
}
