package io.edgegateway.config;

import java.time.Duration;

/**
 * Session bounds.
 *
 * @param maxQueuedMessages  messages queued for one offline persistent session (or beyond its in-flight
 *                           window); the oldest QoS 0 goes first, then new messages are refused and counted
 * @param maxSessionExpiry   longest a persistent session is kept after its client goes away (MQTT 3.1.1
 *                           persistent sessions get exactly this; MQTT 5 requests are capped by it)
 * @param maxRetainedMessages retained messages kept over all topics
 * @param maxQueuedBytes     payload and topic bytes queued and in flight towards devices, over all
 *                           sessions (a memory bound for small boards); beyond it new QoS 1/2
 *                           deliveries are refused and counted
 * @param maxRetainedBytes   payload and topic bytes of all retained messages
 * @param maxSessions        sessions kept, online and offline; beyond it the session offline the
 *                           longest is ended to make room (never fewer than limits.maxConnections)
 */
public record SessionConfig(int maxQueuedMessages, Duration maxSessionExpiry, int maxRetainedMessages,
    int maxQueuedBytes, int maxRetainedBytes, int maxSessions) {
}
