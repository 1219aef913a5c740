package io.edgegateway.local.subscribe;

/**
 * What a device asked for with one topic filter of a SUBSCRIBE.
 *
 * @param qos               maximum QoS granted, 0..2
 * @param noLocal           MQTT 5: do not send the device its own messages
 * @param retainAsPublished MQTT 5: keep the RETAIN flag of forwarded messages as published
 * @param retainHandling    MQTT 5: 0 send retained messages on subscribe, 1 only for a new
 *                          subscription, 2 never
 * @param subscriptionId    MQTT 5 Subscription Identifier, 0 for none
 */
public record SubscriptionOptions(
    int qos, boolean noLocal, boolean retainAsPublished, int retainHandling, int subscriptionId) {
}
