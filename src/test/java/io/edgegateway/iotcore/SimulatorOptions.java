package io.edgegateway.iotcore;

import java.time.Duration;

/**
 * How the simulator runs.
 *
 * @param host                  address to listen on
 * @param port                  port (0: any free port; IoT Core's custom-auth port is 443)
 * @param region                the Region in resource ARNs ({@code arn:aws:iot:REGION:...})
 * @param account               the account in resource ARNs
 * @param millisPerAuthorizerSecond how long one second of {@code disconnectAfterInSeconds} and
 *                              {@code refreshAfterInSeconds} lasts here (1000 = real time; tests use less)
 * @param authorizerTimeout     how long the authorizer may take (IoT Core: 5 s)
 * @param quotas                the per-connection quotas and limits
 */
public record SimulatorOptions(
    String host,
    int port,
    String region,
    String account,
    long millisPerAuthorizerSecond,
    Duration authorizerTimeout,
    Quotas quotas) {

  public static final String DEFAULT_REGION = "eu-west-1";
  public static final String DEFAULT_ACCOUNT = "123456789012";

  public SimulatorOptions {
    if (millisPerAuthorizerSecond < 1) {
      throw new IllegalArgumentException("millisPerAuthorizerSecond must be at least 1");
    }
  }

  /** IoT Core's behaviour on a free loopback port. */
  public static SimulatorOptions defaults() {
    return new SimulatorOptions("127.0.0.1", 0, DEFAULT_REGION, DEFAULT_ACCOUNT, 1000, Duration.ofSeconds(5),
        Quotas.iotCore());
  }

  /** Every quota off: for throughput benchmarks. Authentication and policies still apply. */
  public static SimulatorOptions raw() {
    return defaults().withQuotas(Quotas.none());
  }

  public SimulatorOptions withHost(String value) {
    return new SimulatorOptions(value, port, region, account, millisPerAuthorizerSecond, authorizerTimeout, quotas);
  }

  public SimulatorOptions withPort(int value) {
    return new SimulatorOptions(host, value, region, account, millisPerAuthorizerSecond, authorizerTimeout, quotas);
  }

  public SimulatorOptions withAccount(String regionValue, String accountValue) {
    return new SimulatorOptions(host, port, regionValue, accountValue, millisPerAuthorizerSecond, authorizerTimeout,
        quotas);
  }

  public SimulatorOptions withMillisPerAuthorizerSecond(long value) {
    return new SimulatorOptions(host, port, region, account, value, authorizerTimeout, quotas);
  }

  public SimulatorOptions withAuthorizerTimeout(Duration value) {
    return new SimulatorOptions(host, port, region, account, millisPerAuthorizerSecond, value, quotas);
  }

  public SimulatorOptions withQuotas(Quotas value) {
    return new SimulatorOptions(host, port, region, account, millisPerAuthorizerSecond, authorizerTimeout, value);
  }

  public Arns arns() {
    return new Arns(region, account);
  }
}
