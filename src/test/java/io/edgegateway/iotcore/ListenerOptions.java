package io.edgegateway.iotcore;

import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mqtt.MqttServerOptions;
import java.util.List;
import javax.net.ssl.X509KeyManager;

/**
 * The TLS listener as IoT Core's custom-auth endpoint has it: TLS only, ALPN {@code mqtt} offered, and the
 * {@link HandshakeGate} as key manager so that a client without SNI or without ALPN {@code mqtt} fails the
 * handshake. Packets up to 1 MiB reach the simulator so that it can answer an oversized payload as IoT
 * Core does (larger ones are closed by the decoder); with no payload limit, 64 MiB.
 */
final class ListenerOptions {
  private static final int DECODER_LIMIT = 1024 * 1024;
  private static final int RAW_DECODER_LIMIT = 64 * 1024 * 1024;

  private ListenerOptions() {
  }

  static MqttServerOptions create(Vertx vertx, SimulatorOptions options, ServerTls tls, Counters counters)
      throws Exception {
    X509KeyManager keys = (X509KeyManager) new PemKeyCertOptions()
        .setCertPath(tls.cert().toString())
        .setKeyPath(tls.key().toString())
        .getKeyManagerFactory(vertx)
        .getKeyManagers()[0];
    MqttServerOptions server = new MqttServerOptions();
    server.setHost(options.host()).setPort(options.port());
    server.setSsl(true);
    server.setKeyCertOptions(KeyCertOptions.wrap(new HandshakeGate(keys, counters)));
    server.setUseAlpn(true);
    server.getSslOptions().setApplicationLayerProtocols(List.of(HandshakeGate.MQTT));
    server.setMaxMessageSize(options.quotas().maxPayloadBytes() > 0 ? DECODER_LIMIT : RAW_DECODER_LIMIT);
    server.setMaxClientIdLength(65535);
    server.setAutoClientId(false);
    server.setTimeoutOnConnect(10);
    return server;
  }
}
