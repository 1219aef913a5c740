package io.edgegateway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.config.AuthConfig;
import io.edgegateway.config.ListenerType;
import io.edgegateway.testing.Brokers;
import io.edgegateway.testing.TestCertificates;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V3Device;
import io.edgegateway.testing.V5Device;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** TCP, TLS, WebSocket and secure WebSocket listeners side by side, one broker behind them. */
@ExtendWith(VertxExtension.class)
class TransportTest {

  @TempDir
  static Path dir;
  static TestCertificates certs;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certs = TestCertificates.create(dir);
  }

  @Test
  void devicesOnEveryTransportReachEachOther(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.with(List.of(
        TestConfigs.tcp("lan", true),
        TestConfigs.tls("tls", ListenerType.TLS, certs.cert(), certs.key(), true),
        new io.edgegateway.config.ListenerConfig("ws", ListenerType.WS, "127.0.0.1", 0, true, null),
        TestConfigs.tls("wss", ListenerType.WSS, certs.cert(), certs.key(), true)),
        new AuthConfig(null, null)));
    MqttConnectOptions tls3 = V3Device.options();
    tls3.setSocketFactory(certs.clientSocketFactory());
    MqttConnectionOptions tls5 = V5Device.options();
    tls5.setSocketFactory(certs.clientSocketFactory());
    MqttConnectOptions wss3 = V3Device.options();
    wss3.setSocketFactory(certs.clientSocketFactory());
    try (V3Device plain = V3Device.connect(broker.boundPorts().get("lan"), "plain");
         V3Device overTls = V3Device.connect("ssl://127.0.0.1:" + broker.boundPorts().get("tls"), "tls3", tls3);
         V5Device overTls5 = V5Device.connect("ssl://127.0.0.1:" + broker.boundPorts().get("tls"), "tls5", tls5);
         V3Device overWs = V3Device.connect("ws://127.0.0.1:" + broker.boundPorts().get("ws") + "/mqtt", "ws3",
             V3Device.options());
         V3Device overWss = V3Device.connect("wss://localhost:" + broker.boundPorts().get("wss") + "/mqtt", "wss3",
             wss3)) {
      plain.subscribe("all/#", 1);
      overTls.publish("all/tls", "via tls", 1, false);
      overTls5.publish("all/tls5", "via tls mqtt5", 1, false);
      overWs.publish("all/ws", "via websocket", 1, false);
      overWss.publish("all/wss", "via secure websocket", 1, false);
      assertThat(List.of(plain.next().payload(), plain.next().payload(), plain.next().payload(),
          plain.next().payload()))
          .containsExactly("via tls", "via tls mqtt5", "via websocket", "via secure websocket");
    }
  }

  @Test
  void webSocketCarriesPacketsUpToTheMaximumPacketSize(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.with(List.of(
        TestConfigs.tcp("lan", true),
        new io.edgegateway.config.ListenerConfig("ws", ListenerType.WS, "127.0.0.1", 0, true, null)),
        new AuthConfig(null, null)));
    try (V3Device sub = V3Device.connect(broker.boundPorts().get("lan"), "sub");
         V3Device ws = V3Device.connect("ws://127.0.0.1:" + broker.boundPorts().get("ws") + "/mqtt", "ws",
             V3Device.options())) {
      sub.subscribe("big", 1);
      String payload = "x".repeat(120_000); // larger than a default WebSocket frame, under 128 KiB
      ws.publish("big", payload, 1, false);
      assertThat(sub.next().payload()).hasSize(120_000);
    }
  }

  @Test
  void tlsListenerRejectsAClientThatDoesNotTrustItsCertificate(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.with(
        List.of(TestConfigs.tls("tls", ListenerType.TLS, certs.cert(), certs.key(), true)),
        new AuthConfig(null, null)));
    // the JVM's default trust store does not know the test CA
    assertThatThrownBy(() -> V3Device.connect("ssl://127.0.0.1:" + broker.boundPorts().get("tls"), "x",
        V3Device.options())).isInstanceOf(org.eclipse.paho.client.mqttv3.MqttException.class);
    assertThat(broker.stats().connectionsAccepted()).isZero();
  }
}
