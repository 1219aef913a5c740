package io.edgegateway.config;

import java.util.Objects;

/**
 * Operations: the HTTP listener for health checks and metrics.
 *
 * @param http where it listens, if at all
 */
public record OpsConfig(OpsHttpConfig http) {

  /** No HTTP listener: for configurations built in code (tests, tools) that do not ask for one. */
  public static final OpsConfig NONE = new OpsConfig(new OpsHttpConfig(false, "127.0.0.1", 0));

  public OpsConfig {
    Objects.requireNonNull(http, "http");
  }
}
