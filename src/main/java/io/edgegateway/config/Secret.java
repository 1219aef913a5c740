package io.edgegateway.config;

import java.util.Objects;

/**
 * A secret value read from a file, an environment variable or (with a warning) the configuration
 * itself. Its text is reachable only through {@link #reveal()}; {@link #toString()} never shows it.
 */
public final class Secret {

  private final String origin;
  private final String value;

  /**
   * @param origin where it came from, fit for logs ("file /run/credentials/edge-gateway.service/cognito-password")
   * @param value  the secret text
   */
  public Secret(String origin, String value) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Where the secret came from, never what it is. */
  public String origin() {
    return origin;
  }

  /** The secret text, to hand to the one place that needs it. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret[" + origin + ", (hidden)]";
  }
}
