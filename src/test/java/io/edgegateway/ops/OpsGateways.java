package io.edgegateway.ops;

import io.edgegateway.Gateway;
import io.edgegateway.config.GatewayConfig;
import io.edgegateway.config.OpsHttpConfig;

/** Gateways with the ops listener on a free loopback port. */
final class OpsGateways {

  static final OpsHttpConfig FREE_PORT = new OpsHttpConfig(true, "127.0.0.1", 0);

  private OpsGateways() {
  }

  static GatewayConfig withOps(GatewayConfig config) {
    return config.withOps(FREE_PORT);
  }

  static OpsClient client(Gateway gateway) {
    return new OpsClient(gateway.opsPort().orElseThrow());
  }
}
