package io.edgegateway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.local.BrokerStats.Drop;
import io.edgegateway.testing.Brokers;
import io.edgegateway.testing.RawMqtt;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V3Device;
import io.edgegateway.testing.V5Device;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Limits and hostile input: a device over a limit is refused, slowed or disconnected with a reason
 * code, and the other devices do not notice.
 */
@ExtendWith(VertxExtension.class)
class LimitsTest {

  @Test
  void packetLargerThanTheMaximumDisconnectsOnlyItsSender(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.withLimits(l -> l.maxPacketSize(1024)));
    int port = Brokers.lan(broker);
    try (V5Device big = V5Device.connect(port, "big"); V3Device big3 = V3Device.connect(port, "big3");
         V3Device bystander = V3Device.connect(port, "bystander")) {
      bystander.subscribe("t", 1);
      // Paho itself refuses to send more than the CONNACK's Maximum Packet Size, so the MQTT 5
      // device's oversized packet goes out as raw bytes on a socket of its own
      assertThat(big.connectToken().getResponseProperties().getMaximumPacketSize()).isEqualTo(1024L);
      try (RawMqtt raw = new RawMqtt(port)) {
        assertThat(raw.connect("raw-big", 60)).isZero();
        raw.publish("t", "x".repeat(2000), 1, 1, false);
        assertThat(raw.closedByPeer()).isTrue();
      }
      assertThatThrownBy(() -> big3.client().publish("t", new byte[2000], 1, false))
          .isInstanceOf(org.eclipse.paho.client.mqttv3.MqttException.class);
      assertThat(big3.lost().get(10, TimeUnit.SECONDS)).isNotNull();
      bystander.publish("t", "unaffected", 1, false);
      assertThat(bystander.next().payload()).isEqualTo("unaffected");
    }
  }

  @Test
  void malformedBytesCloseOnlyThatConnection(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous());
    int port = Brokers.lan(broker);
    try (V3Device bystander = V3Device.connect(port, "bystander"); RawMqtt raw = new RawMqtt(port)) {
      bystander.subscribe("t", 1);
      assertThat(raw.connect("garbage", 60)).isZero();
      // PUBLISH with QoS 3, which does not exist
      raw.writeRaw(new byte[] {0x36, 0x03, 0x00, 0x01, 0x61});
      assertThat(raw.closedByPeer()).isTrue();
      bystander.publish("t", "fine", 1, false);
      assertThat(bystander.next().payload()).isEqualTo("fine");
    }
  }

  @Test
  void socketThatNeverSendsConnectIsClosedAfterTheConnectTimeout(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.withLimits(l -> l.connectTimeout(Duration.ofSeconds(1))));
    try (RawMqtt idle = new RawMqtt(Brokers.lan(broker))) {
      assertThat(idle.closedByPeer()).isTrue();
    }
  }

  @Test
  void publisherOverItsRateIsSlowedNotDroppedForQos1(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.withLimits(l -> l.maxPublishRate(20)));
    int port = Brokers.lan(broker);
    try (V3Device sub = V3Device.connect(port, "sub"); V5Device fast = V5Device.connect(port, "fast")) {
      sub.subscribe("rate", 1);
      for (int i = 0; i < 40; i++) {
        fast.publish("rate", "m" + i, 1, false);
      }
      for (int i = 0; i < 40; i++) {
        assertThat(sub.next().payload()).isEqualTo("m" + i);
      }
      assertThat(broker.stats().drops(Drop.RATE_LIMITED)).isZero();
    }
  }

  @Test
  void mqtt311DeviceThatNeverWaitsForAcknowledgementsIsDisconnected(Vertx vertx) throws Exception {
    // rate-limited to 1 message a second, a flood of QoS 1 piles up unacknowledged
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.withLimits(l -> l.maxPublishRate(1).maxInflight(8)));
    int port = Brokers.lan(broker);
    try (V3Device bystander = V3Device.connect(port, "bystander"); RawMqtt flood = new RawMqtt(port)) {
      assertThat(flood.connect("flood", 60)).isZero();
      try {
        for (int i = 1; i <= 500; i++) {
          flood.publish("flood", "m" + i, 1, i, false);
        }
      } catch (java.io.IOException closedWhileWriting) {
        // the gateway may close before all are written
      }
      assertThat(flood.closedByPeer()).isTrue();
      bystander.subscribe("t", 1);
      bystander.publish("t", "unaffected", 1, false);
      assertThat(bystander.next().payload()).isEqualTo("unaffected");
    }
  }

  @Test
  void slowSubscriberLosesQos0MessagesButNobodyElseIsHeldUp(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.withLimits(l -> l.maxPendingWriteBytes(64 * 1024)));
    int port = Brokers.lan(broker);
    try (RawMqtt stuck = new RawMqtt(port); V3Device healthy = V3Device.connect(port, "healthy");
         V3Device pub = V3Device.connect(port, "pub")) {
      stuck.socket().setReceiveBufferSize(4096);
      assertThat(stuck.connect("stuck", 0)).isZero();
      stuck.subscribe(1, "flood", 0);
      assertThat(stuck.read().type()).isEqualTo(9);
      healthy.subscribe("flood", 0);
      healthy.subscribe("end", 1);
      String payload = "p".repeat(4000);
      for (int i = 0; i < 2000; i++) {
        pub.publish("flood", payload, 0, false);
      }
      pub.publish("end", "end", 1, false);
      V3Device.Received r;
      do {
        r = healthy.next();
      } while (!r.topic().equals("end"));
      assertThat(broker.stats().drops(Drop.SLOW_CONSUMER)).isPositive();
    }
  }

  @Test
  void topicNameWithANullCharacterClosesOnlyThatConnection(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous());
    int port = Brokers.lan(broker);
    try (V3Device bystander = V3Device.connect(port, "bystander"); RawMqtt raw = new RawMqtt(port)) {
      bystander.subscribe("t", 1);
      assertThat(raw.connect("nul", 60)).isZero();
      raw.publish("a\u0000b", "x", 2, 9, false);
      assertThat(raw.closedByPeer()).isTrue();
      bystander.publish("t", "fine", 1, false);
      assertThat(bystander.next().payload()).isEqualTo("fine");
    }
  }
}
