package io.edgegateway.authorizer.json;

/** Text that is not the JSON {@link Json} reads. */
public final class JsonException extends Exception {
  private static final long serialVersionUID = 1L;

  public JsonException(String message) {
    super(message, null, false, false);
  }
}
