package io.edgegateway.route;

/**
 * A topic template, filter or rule that cannot be compiled. The message says what is wrong and, for
 * template syntax, at which character (counted from 1), such as
 * {@code unknown variable ${clientid} at character 4; use ${gatewayId}, ...}.
 */
public final class TemplateException extends Exception {
  private static final long serialVersionUID = 1L;

  public TemplateException(String message) {
    super(message, null, false, false);
  }
}
