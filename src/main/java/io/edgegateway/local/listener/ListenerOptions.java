package io.edgegateway.local.listener;

import io.edgegateway.config.LimitsConfig;
import io.edgegateway.config.ListenerConfig;
import io.edgegateway.config.TlsConfig;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttServerOptions;

/** Translates a listener's configuration into vertx-mqtt server options. */
public final class ListenerOptions {

  private ListenerOptions() {
  }

  public static MqttServerOptions of(ListenerConfig listener, LimitsConfig limits) {
    MqttServerOptions o = new MqttServerOptions()
        .setHost(listener.host())
        .setPort(listener.port())
        .setMaxMessageSize(limits.maxPacketSize())
        // the client id limit is ours to enforce with a CONNACK reason code; the decoder would just drop
        .setMaxClientIdLength(65_535)
        .setAutoClientId(false)
        .setTimeoutOnConnect((int) Math.max(1, limits.connectTimeout().toSeconds()))
        .setUseWebSocket(listener.type().webSocket());
    // vertx-mqtt aggregates a WebSocket message into one frame of at most this size: make room for
    // the largest packet allowed
    o.setWebSocketMaxFrameSize(limits.maxPacketSize() + 16);
    o.setTcpNoDelay(true);
    o.setReuseAddress(true);
    if (listener.type().tls()) {
      TlsConfig tls = listener.tls();
      o.setSsl(true);
      o.setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(tls.certFile().toString())
          .setKeyPath(tls.keyFile().toString()));
      if (tls.caFile() != null) {
        o.setTrustOptions(new PemTrustOptions().addCertPath(tls.caFile().toString()));
        o.setClientAuth(tls.requireClientCert() ? ClientAuth.REQUIRED : ClientAuth.REQUEST);
      }
    }
    return o;
  }
}
