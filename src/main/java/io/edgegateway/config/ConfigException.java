package io.edgegateway.config;

/**
 * A configuration problem. The message names the key (as a dotted path such as
 * {@code listeners[0].port}), the source (file and line, or environment variable) where known, and
 * what is wrong.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
