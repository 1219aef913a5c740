package io.edgegateway.iotcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.crt.mqtt.MqttClientConnection;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnAckPacket;
import software.amazon.awssdk.iot.AwsIotMqttConnectionBuilder;

/**
 * TLS as IoT Core's custom-auth endpoint has it, with the real device SDK: SNI and ALPN {@code mqtt} are
 * required. Finding recorded here: vertx-mqtt 5.0.7's endpoint exposes the {@code SSLSession} (the SNI name
 * is read from it as an {@code ExtendedSSLSession}) but not the ALPN protocol, and Vert.x lets a client that
 * offers no ALPN through; so the simulator refuses such handshakes in its key manager ({@link HandshakeGate}).
 */
@ExtendWith(VertxExtension.class)
class TlsHandshakeTest {
  private final FixedAuthorizer authorizer = FixedAuthorizer.allowing("dev1", Policies.everything());
  private IotCoreSimulator simulator;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    simulator = Fixture.start(vertx, SimulatorOptions.defaults(), Authorizers.single("gw-auth", authorizer));
  }

  @AfterEach
  void stop() throws Exception {
    Fixture.await(simulator.close());
  }

  @Test
  void deviceSdkMqtt5ConnectsWithCustomAuthOverTls() throws Exception {
    try (SdkDevice device = SdkDevice.connect(simulator, "alice", "gw-auth", "secret", "alice-1")) {
      ConnAckPacket connack = device.awaitConnected();
      assertThat(connack.getMaximumQOS()).isEqualTo(QOS.AT_LEAST_ONCE);
      assertThat(connack.getReceiveMaximum()).isEqualTo(100);
      assertThat(simulator.connectedClientIds()).contains("alice-1");
      device.publish("dt/alice/x", "hello", QOS.AT_LEAST_ONCE);
      assertThat(simulator.arrivals()).singleElement().satisfies(a -> {
        assertThat(a.clientId()).isEqualTo("alice-1");
        assertThat(a.principalId()).isEqualTo("dev1");
        assertThat(a.payloadText()).isEqualTo("hello");
      });
    }
    JsonObject tls = simulator.authorizerEvents().get(0).getJsonObject("protocolData").getJsonObject("tls");
    assertThat(tls.getString("serverName")).isEqualTo("localhost");
  }

  @Test
  void deviceSdkMqtt311ConnectsWithCustomAuthOverTls() throws Exception {
    try (AwsIotMqttConnectionBuilder builder = AwsIotMqttConnectionBuilder.newDefaultBuilder()) {
      builder.withEndpoint("localhost")
          .withCustomAuthorizer("bob", "gw-auth", null, "secret", null, null)
          .withPort(simulator.port())
          .withCertificateAuthorityFromPath(null, simulator.tls().ca().toString())
          .withClientId("bob-1");
      try (MqttClientConnection connection = builder.build()) {
        assertThat(connection.connect().get()).isFalse();
        connection.disconnect().get();
      }
    }
    assertThat(simulator.connects("bob-1")).isEqualTo(1);
    JsonObject mqtt = simulator.authorizerEvents().get(0).getJsonObject("protocolData").getJsonObject("mqtt");
    assertThat(mqtt.getString("username")).startsWith("bob?").contains("x-amz-customauthorizer-name=gw-auth");
  }

  @Test
  void clientWithoutSniIsRefusedInTheHandshake() throws Exception {
    MqttConnectionOptions options = pahoOptions(TlsClients.factory(simulator.tls(), Optional.empty(), List.of("mqtt")));
    MqttClient client = new MqttClient("ssl://127.0.0.1:" + simulator.port(), "nosni", new MemoryPersistence());
    assertThatThrownBy(() -> client.connect(options)).isInstanceOf(Exception.class);
    client.close(true);
    assertThat(simulator.count(Counter.TLS_NO_SNI)).isEqualTo(1);
    assertThat(authorizer.calls()).isZero();
  }

  @Test
  void clientWithoutAlpnMqttIsRefusedInTheHandshake() throws Exception {
    for (List<String> protocols : List.of(List.<String>of(), List.of("http/1.1"))) {
      MqttConnectionOptions options = pahoOptions(TlsClients.factory(simulator.tls(), Optional.of("localhost"),
          protocols));
      MqttClient client = new MqttClient("ssl://localhost:" + simulator.port(), "noalpn", new MemoryPersistence());
      assertThatThrownBy(() -> client.connect(options)).isInstanceOf(Exception.class);
      client.close(true);
    }
    assertThat(simulator.count(Counter.TLS_NO_ALPN_MQTT)).isEqualTo(1);
    assertThat(authorizer.calls()).isZero();
  }

  @Test
  void pahoWithSniAndAlpnConnects() throws Exception {
    MqttClient client = new MqttClient("ssl://localhost:" + simulator.port(), "paho-1", new MemoryPersistence());
    client.connect(pahoOptions(TlsClients.iotCore(simulator.tls())));
    assertThat(simulator.connectedClientIds()).contains("paho-1");
    client.disconnect();
    client.close();
  }

  static MqttConnectionOptions pahoOptions(javax.net.ssl.SSLSocketFactory factory) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setSocketFactory(factory);
    options.setUserName("carol?x-amz-customauthorizer-name=gw-auth");
    options.setPassword("pw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(10);
    return options;
  }
}
