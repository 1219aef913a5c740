package io.edgegateway.upstream.sdk;

import io.edgegateway.config.UpstreamConfig;
import java.time.Duration;

/**
 * What every connection of the link shares: endpoint, TLS trust and MQTT settings.
 *
 * @param endpoint       IoT Core's host name (also the TLS SNI name)
 * @param port           usually 443 (custom authentication over MQTT needs ALPN {@code mqtt} there)
 * @param caFile         PEM trust anchors, or null for the system trust store
 * @param authorizerName the authorizer, or null for the endpoint's default
 * @param keepAlive      MQTT keep-alive
 */
public record ClientSettings(String endpoint, int port, String caFile, String authorizerName, Duration keepAlive) {

  public static ClientSettings of(UpstreamConfig config) {
    return new ClientSettings(config.endpoint(), config.port(),
        config.caFile() == null ? null : config.caFile().toString(), config.authorizerName(), config.keepAlive());
  }
}
