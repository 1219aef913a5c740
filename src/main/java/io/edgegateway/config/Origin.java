package io.edgegateway.config;

/**
 * Where a configuration value came from: a line of the configuration file, the file as a whole, or an
 * environment variable. Its {@link #toString()} is the prefix of an error message.
 *
 * @param source      the file name as given, or the environment variable's name
 * @param line        1-based line in the file, or 0 when unknown or not a file
 * @param environment whether {@code source} is an environment variable
 */
record Origin(String source, int line, boolean environment) {

  static Origin file(String source, int line) {
    return new Origin(source, line, false);
  }

  static Origin file(String source) {
    return new Origin(source, 0, false);
  }

  static Origin environment(String variable) {
    return new Origin(variable, 0, true);
  }

  /** {@code config/gateway.yaml:14}, {@code config/gateway.yaml} or {@code environment EDGE_GATEWAY_X}. */
  @Override
  public String toString() {
    if (environment) {
      return "environment " + source;
    }
    return line > 0 ? source + ":" + line : source;
  }
}
