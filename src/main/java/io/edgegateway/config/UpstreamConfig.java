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
 * @param identity          whose Cognito identity the upstream connections carry: the gateway's own
 *                          ({@code credentials}), or each device's ({@code devices})
 * @param devices           the upstream connections of devices, used with {@link Identity#DEVICE}
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
    ReconnectConfig reconnect,
    Identity identity,
    DevicesConfig devices) {

  /** An upstream with the gateway's own identity. */
  public UpstreamConfig(String endpoint, int port, Path caFile, String authorizerName, String clientId,
      int connections, Duration keepAlive, int maxQueuedMessages, CredentialsConfig credentials, QuotaConfig quota,
      ReconnectConfig reconnect) {
    this(endpoint, port, caFile, authorizerName, clientId, connections, keepAlive, maxQueuedMessages, credentials,
        quota, reconnect, Identity.GATEWAY, DevicesConfig.DEFAULTS);
  }

  /** Whose Cognito identity IoT Core sees. */
  public enum Identity {
    /** One identity for the site: the gateway's own credentials, on {@code connections} connections. */
    GATEWAY,
    /**
     * Each device as itself: a device's MQTT username and password are its Cognito credentials, and its
     * messages travel on its own connection with its own client id.
     */
    DEVICE;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The devices' own upstream connections ({@link Identity#DEVICE}).
   *
   * @param maxConnections    devices connected upstream at once; beyond it a device is refused (MQTT 5 0x97)
   * @param connectsPerSecond CONNECTs sent to IoT Core per second over all devices (IoT Core also allows
   *                          one per second per client id, which the gateway keeps too)
   * @param signInsPerSecond  Cognito sign-ins by the gateway per second, token mode (Cognito's
   *                          UserAuthentication quota is 120 per second per account by default)
   * @param connectTimeout    how long a device's CONNECT waits for IoT Core's answer before IoT Core counts
   *                          as unreachable
   * @param offlineAdmission  how long after its last accepted sign-in a device is admitted on its cached
   *                          verifier while IoT Core cannot be reached; zero = never
   */
  public record DevicesConfig(int maxConnections, int connectsPerSecond, int signInsPerSecond,
      Duration connectTimeout, Duration offlineAdmission) {

    public static final DevicesConfig DEFAULTS =
        new DevicesConfig(200, 50, 50, Duration.ofSeconds(10), Duration.ofDays(7));
  }

  /** Whether each device reaches IoT Core as itself. */
  public boolean perDevice() {
    return identity == Identity.DEVICE;
  }

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
