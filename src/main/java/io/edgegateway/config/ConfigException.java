package io.edgegateway.config;

import java.util.List;

/**
 * A configuration problem. The message names the key (as a dotted path such as
 * {@code listeners[0].port}), the source (file and line, or environment variable) where known, and
 * what is wrong. When a configuration has several problems, the message lists them one per line and
 * {@link #problems()} returns them separately.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Not serialised: a deserialised exception still has its message, which holds the same lines. */
  private final transient List<String> problems;

  public ConfigException(String message) {
    super(message);
    this.problems = List.of(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of(message);
  }

  /** One exception for several problems; the message is the problems joined by newlines. */
  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** The individual problems, each a single line, in the order of the message. */
  public List<String> problems() {
    return problems == null ? List.of(getMessage().split("\n")) : problems;
  }
}
