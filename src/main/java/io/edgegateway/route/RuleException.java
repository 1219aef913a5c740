package io.edgegateway.route;

/**
 * A forward or downlink rule that cannot be compiled: {@link #field()} names the rule's key
 * ({@code filter}, {@code topic}, {@code qos}, {@code basicIngestRule}) and the message says what is
 * wrong, to follow the key in a configuration error.
 */
public final class RuleException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String field;

  public RuleException(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  /** The rule's key the problem is about. */
  public String field() {
    return field;
  }
}
