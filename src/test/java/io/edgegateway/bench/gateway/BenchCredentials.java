package io.edgegateway.bench.gateway;

/**
 * What both sides log in to the simulator with: the same Cognito-style username and password through the same
 * custom authorizer (in the simulator's process, allowing everything; the password is a test value).
 */
record BenchCredentials(String username, String password, String authorizer) {
  static final String GATEWAY_ID = "bench";

  static BenchCredentials forBenchmark() {
    return new BenchCredentials("benchuser", "bench-" + Long.toHexString(System.nanoTime()), "bench-auth");
  }

  @Override
  public String toString() {
    return "BenchCredentials[" + username + " via " + authorizer + "]";
  }
}
