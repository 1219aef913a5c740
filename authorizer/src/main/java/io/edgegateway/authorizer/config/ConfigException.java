package io.edgegateway.authorizer.config;

/** A Lambda environment variable is missing or malformed; the message names it and says what is wrong. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
