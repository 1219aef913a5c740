package io.edgegateway.testing;

import io.edgegateway.config.GatewayConfig;
import io.edgegateway.local.Ingress;
import io.edgegateway.local.LocalBroker;
import io.edgegateway.local.access.DeviceAuthenticator;
import io.edgegateway.local.access.TopicAccess;
import io.vertx.core.Vertx;

/** Deploys a local broker into a test's Vert.x instance and waits until it listens. */
public final class Brokers {

  private Brokers() {
  }

  public static LocalBroker deploy(Vertx vertx, GatewayConfig config) {
    return deploy(vertx, config, new DeviceAuthenticator(null), TopicAccess.ALLOW_ALL, Ingress.LOCAL_ONLY);
  }

  public static LocalBroker deploy(Vertx vertx, GatewayConfig config, DeviceAuthenticator authenticator,
      TopicAccess access, Ingress ingress) {
    LocalBroker broker = new LocalBroker(config, authenticator, access, ingress);
    vertx.deployVerticle(broker).await();
    return broker;
  }

  /** Port of the listener named "lan". */
  public static int lan(LocalBroker broker) {
    return broker.boundPorts().get("lan");
  }
}
