/**
 * Subscription and retained-message bookkeeping of the local broker: MQTT topic rules
 * ({@link io.edgegateway.local.subscription.Topics}), the subscription tree that answers "who gets this
 * PUBLISH" ({@link io.edgegateway.local.subscription.SubscriptionTree}) and the retained-message store
 * that answers "what does this new SUBSCRIBE receive" ({@link io.edgegateway.local.subscription.RetainedStore}).
 *
 * <p>Everything here is a plain, single-threaded data structure: the broker calls it from one event-loop
 * thread, so nothing locks.
 */
package io.edgegateway.local.subscription;
