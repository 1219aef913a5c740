package io.edgegateway.config;

import java.util.Objects;

/**
 * The HTTP listener of the health and metrics endpoints. Apart from the device-facing listeners, and on
 * loopback by default: whoever reaches it learns device counts, topics' rule filters and upstream state.
 *
 * @param enabled whether the gateway serves it
 * @param host    bind address
 * @param port    TCP port; 0 picks a free one (tests)
 */
public record OpsHttpConfig(boolean enabled, String host, int port) {

  public OpsHttpConfig {
    Objects.requireNonNull(host, "host");
  }

  /** The same listener on another port. */
  public OpsHttpConfig withPort(int value) {
    return new OpsHttpConfig(enabled, host, value);
  }
}
