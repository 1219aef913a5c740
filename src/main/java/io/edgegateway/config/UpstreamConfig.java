package io.edgegateway.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The link to AWS IoT Core. Without an {@code endpoint} the gateway runs local only: nothing is
 * forwarded and no rule applies.
 *
 * @param endpoint          the account's IoT Core data endpoint host ({@code xxxx-ats.iot.REGION.amazonaws.com}),
 *                          or null for a local-only gateway
 * @param port              443 for custom authentication (ALPN {@code mqtt})
 * @param caFile            PEM file of the CA to trust, or null for the system trust store
 * @param authorizerName    the custom authorizer to name in the username, or null for the endpoint's
 *                          default authorizer
 * @param clientId          the MQTT client id upstream (connection {@code n > 0} appends {@code -n})
 * @param connections       upstream connections; each device's messages always use the same one
 * @param keepAlive         MQTT keep-alive, 30 s to 20 min (IoT Core's range)
 * @param maxQueuedMessages messages accepted from devices and waiting for the link (memory bound);
 *                          beyond it new messages are refused (MQTT 5 reason 0x97)
 * @param credentials       how the gateway authenticates through the authorizer
 * @param quota             IoT Core's per-connection quotas, respected by the gateway
 * @param reconnect         backoff after a lost or refused connection
 */
public record UpstreamConfig(
    String endpoint,
    int port,
    Path caFile,
    String authorizerName,
    String clientId,
    int connections,
    Duration keepAlive,
    int maxQueuedMessages,
    CredentialsConfig credentials,
    QuotaConfig quota,
    ReconnectConfig reconnect) {

  /** Whether an endpoint is configured: otherwise the gateway is local only. */
  public boolean enabled() {
    return endpoint != null;
  }

  /** The client id of connection {@code index} (0-based). */
  public String clientId(int index) {
    return index == 0 ? clientId : clientId + "-" + index;
  }

  /**
   * IoT Core's quotas for one connection.
   *
   * @param publishesPerSecond publishes per second, both directions together (IoT Core: 100)
   * @param bytesPerSecond     bytes per second (IoT Core: 512 KiB)
   * @param maxInflight        unacknowledged QoS 1 publishes (IoT Core: 100)
   */
  public record QuotaConfig(int publishesPerSecond, int bytesPerSecond, int maxInflight) {
  }

  /**
   * Reconnect backoff: exponential with full jitter between {@code minDelay} and {@code maxDelay};
   * after a denial by the authorizer, at least {@code deniedDelay}.
   */
  public record ReconnectConfig(Duration minDelay, Duration maxDelay, Duration deniedDelay) {
  }
}
