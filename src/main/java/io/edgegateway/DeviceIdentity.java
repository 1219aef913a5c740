package io.edgegateway;

import io.edgegateway.config.CredentialsConfig;
import io.edgegateway.config.GatewayConfig;
import io.edgegateway.local.LocalBroker;
import io.edgegateway.route.DownlinkDelivery;
import io.edgegateway.route.Router;
import io.edgegateway.upstream.DeviceLinks;
import io.edgegateway.upstream.credentials.DeviceCredentials;
import io.edgegateway.upstream.credentials.DeviceTokens;
import io.edgegateway.upstream.credentials.PasswordMemo;
import io.edgegateway.upstream.device.DeviceAdmission;
import io.edgegateway.upstream.device.DeviceVerifiers;
import io.edgegateway.upstream.pacing.Pacer;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The parts of per-device identity ({@code upstream.identity: device}), wired together: the devices' own
 * connections, the admission that answers their CONNECTs, the offline verifiers in the state directory,
 * and in token mode the Cognito sign-ins made for them.
 *
 * @param links     the devices' own connections to IoT Core
 * @param admission what the local broker asks on each CONNECT
 */
record DeviceIdentity(DeviceLinks links, DeviceAdmission admission) {

  /** Worker threads for the verifiers' slow hashes: a storm of devices queues on them, not on every worker. */
  private static final int HASHING_THREADS = 2;

  static DeviceIdentity create(Vertx vertx, GatewayConfig config, Router router, DownlinkDelivery downlink,
      Supplier<LocalBroker> broker) {
    PasswordMemo memo = new PasswordMemo();
    CredentialsConfig credentials = config.upstream().credentials();
    DeviceCredentials perDevice = credentials.mode() == CredentialsConfig.Mode.TOKEN
        ? new DeviceTokens(vertx, credentials.cognito(), new Pacer(vertx, config.upstream().devices().signInsPerSecond()),
            memo, Clock.systemUTC(), 2 * config.upstream().devices().maxConnections())
        : DeviceCredentials.password();
    DeviceAdmission[] admission = new DeviceAdmission[1];
    DeviceLinks links = new DeviceLinks(vertx, config.upstream(), router, perDevice, memo, downlink::acceptFor,
        refusal -> {
          admission[0].revoke(refusal.username());
          broker.get().disconnect(refusal.clientId(), MqttDisconnectReasonCode.NOT_AUTHORIZED);
        });
    admission[0] = new DeviceAdmission(links, new DeviceVerifiers(config.spool().directory(), Clock.systemUTC()),
        config.upstream().devices().offlineAdmission(),
        vertx.createSharedWorkerExecutor("device-verifiers", HASHING_THREADS), memo);
    links.onAccepted(a -> admission[0].acceptedAgain(a.clientId(), a.username(), a.passwordMemo()));
    return new DeviceIdentity(links, admission[0]);
  }
}
