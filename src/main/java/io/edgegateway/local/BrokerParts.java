package io.edgegateway.local;

import io.edgegateway.config.LimitsConfig;
import io.edgegateway.config.SessionConfig;
import io.edgegateway.local.access.DeviceAuthenticator;
import io.edgegateway.local.access.TopicAccess;
import io.edgegateway.local.access.UpstreamAdmission;
import io.edgegateway.local.publish.Dispatcher;
import io.edgegateway.local.session.SessionRegistry;
import io.edgegateway.local.subscribe.SubscriptionOptions;
import io.edgegateway.local.subscription.SubscriptionTree;
import io.edgegateway.local.will.WillPublisher;
import io.vertx.core.Vertx;

/**
 * The shared pieces of one local broker, all confined to its event loop. Passed to the per-connection
 * handlers instead of a dozen constructor arguments. {@code upstreamAdmission} is null unless devices reach
 * IoT Core as themselves ({@code upstream.identity: device}): then it, not the password file, admits them.
 */
public record BrokerParts(
    Vertx vertx,
    LimitsConfig limits,
    SessionConfig sessionConfig,
    DeviceAuthenticator authenticator,
    TopicAccess access,
    SubscriptionTree<SubscriptionOptions> subscriptions,
    SessionRegistry sessions,
    Dispatcher dispatcher,
    WillPublisher wills,
    Ingress ingress,
    BrokerStats stats,
    UpstreamAdmission upstreamAdmission) {
}
