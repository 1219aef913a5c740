package io.edgegateway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.local.BrokerStats.Refusal;
import io.edgegateway.testing.Brokers;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V3Device;
import io.edgegateway.testing.V5Device;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CONNECT handling, driven by the Paho v3 and v5 clients. */
@ExtendWith(VertxExtension.class)
class ConnectTest {

  @Test
  void mqtt311AndMqtt5DevicesConnectAnonymouslyOnLoopback(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous());
    try (V3Device v3 = V3Device.connect(Brokers.lan(broker), "dev-3");
         V5Device v5 = V5Device.connect(Brokers.lan(broker), "dev-5")) {
      assertThat(v3.client().isConnected()).isTrue();
      assertThat(v5.client().isConnected()).isTrue();
      MqttProperties connack = v5.connectToken().getResponseProperties();
      assertThat(connack.getReceiveMaximum()).isEqualTo(32);
      assertThat(connack.getMaximumPacketSize()).isEqualTo(131_072L);
      assertThat(connack.getTopicAliasMaximum()).isZero();
      assertThat(connack.isSharedSubscriptionAvailable()).isTrue();
    }
    assertThat(broker.stats().connectionsAccepted()).isEqualTo(2);
  }

  @Test
  void clientIdLongerThanTheLimitIsRefusedWithReasonCode(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.withLimits(l -> l.maxClientIdLength(23)));
    String longId = "x".repeat(24);
    assertThatThrownBy(() -> V5Device.connect(Brokers.lan(broker), longId))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x85));
    assertThatThrownBy(() -> V3Device.connect(Brokers.lan(broker), longId))
        .isInstanceOfSatisfying(org.eclipse.paho.client.mqttv3.MqttException.class,
            e -> assertThat(e.getReasonCode()).isEqualTo(2));
    try (V5Device ok = V5Device.connect(Brokers.lan(broker), "x".repeat(23))) {
      assertThat(ok.client().isConnected()).isTrue();
    }
    assertThat(broker.stats().refusals(Refusal.CLIENT_ID_INVALID)).isEqualTo(2);
  }

  @Test
  void connectionsBeyondTheLimitAreRefusedAndOthersKeepWorking(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.withLimits(l -> l.maxConnections(2)));
    int port = Brokers.lan(broker);
    try (V5Device a = V5Device.connect(port, "a"); V3Device b = V3Device.connect(port, "b")) {
      assertThatThrownBy(() -> V5Device.connect(port, "c"))
          .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x97));
      assertThatThrownBy(() -> V3Device.connect(port, "d"))
          .isInstanceOfSatisfying(org.eclipse.paho.client.mqttv3.MqttException.class,
              e -> assertThat(e.getReasonCode()).isEqualTo(3));
      // a device reconnecting with its own client id takes its slot over rather than needing a new one
      try (V5Device again = V5Device.connect(port, "a")) {
        assertThat(again.client().isConnected()).isTrue();
      }
      b.subscribe("t", 1);
      b.publish("t", "still fine", 1, false);
      assertThat(b.next().payload()).isEqualTo("still fine");
    }
    assertThat(broker.stats().refusals(Refusal.TOO_MANY_CONNECTIONS)).isEqualTo(2);
  }

  @Test
  void emptyClientIdGetsAnAssignedIdentifier(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous());
    try (V5Device d = V5Device.connect(Brokers.lan(broker), "")) {
      assertThat(d.connectToken().getResponseProperties().getAssignedClientIdentifier()).startsWith("auto-");
    }
  }

  @Test
  void keepAliveOfZeroOrAboveTheMaximumIsReplacedForMqtt5AndRefusedForMqtt311(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.withLimits(l -> l.maxKeepAlive(Duration.ofSeconds(60))));
    int port = Brokers.lan(broker);
    MqttConnectionOptions o5 = V5Device.options();
    o5.setKeepAliveInterval(0);
    try (V5Device d = V5Device.connect("tcp://127.0.0.1:" + port, "ka5", o5)) {
      assertThat(d.connectToken().getResponseProperties().getServerKeepAlive()).isEqualTo(60);
    }
    MqttConnectOptions o3 = V3Device.options();
    o3.setKeepAliveInterval(61);
    assertThatThrownBy(() -> V3Device.connect("tcp://127.0.0.1:" + port, "ka3", o3))
        .isInstanceOfSatisfying(org.eclipse.paho.client.mqttv3.MqttException.class,
            e -> assertThat(e.getReasonCode()).isEqualTo(2));
    o3.setKeepAliveInterval(60);
    try (V3Device d = V3Device.connect("tcp://127.0.0.1:" + port, "ka3", o3)) {
      assertThat(d.client().isConnected()).isTrue();
    }
  }

  @Test
  void sessionExpiryAboveTheMaximumIsCappedInConnack(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.withSessions(
        new io.edgegateway.config.SessionConfig(100, Duration.ofMinutes(10), 100, 32 << 20, 16 << 20, 10_000)));
    MqttConnectionOptions o = V5Device.options();
    o.setSessionExpiryInterval(0xFFFF_FFFFL);
    try (V5Device d = V5Device.connect("tcp://127.0.0.1:" + Brokers.lan(broker), "exp", o)) {
      assertThat(d.connectToken().getResponseProperties().getSessionExpiryInterval()).isEqualTo(600L);
    }
  }

  @Test
  void enhancedAuthenticationIsRefusedAsBadAuthenticationMethod(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous());
    MqttConnectionOptions o = V5Device.options();
    o.setAuthMethod("SCRAM-SHA-1");
    assertThatThrownBy(() -> V5Device.connect("tcp://127.0.0.1:" + Brokers.lan(broker), "ea", o))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x8C));
  }

  @Test
  void assignedClientIdIsNotHeldToTheDeviceLimit(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.withLimits(l -> l.maxClientIdLength(23)));
    try (V5Device d = V5Device.connect(Brokers.lan(broker), "")) {
      assertThat(d.connectToken().getResponseProperties().getAssignedClientIdentifier()).startsWith("auto-");
    }
  }
}
