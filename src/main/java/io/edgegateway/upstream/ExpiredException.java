package io.edgegateway.upstream;

/** A message's time to live passed while it waited to be sent; it was not sent. */
public final class ExpiredException extends RuntimeException {

  public ExpiredException(String message) {
    super(message, null, false, false);
  }
}
