package io.edgegateway.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.config.SessionConfig;
import io.edgegateway.local.BrokerStats.Drop;
import io.edgegateway.testing.Brokers;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V3Device;
import io.edgegateway.testing.V5Device;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Clean and persistent sessions, the offline queue and its bound, and client-id takeover. */
@ExtendWith(VertxExtension.class)
class SessionTest {

  @Test
  void persistentMqtt311SessionReceivesWhatWasPublishedWhileOffline(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous());
    int port = Brokers.lan(broker);
    String uri = "tcp://127.0.0.1:" + port;
    MqttConnectOptions persistent = persistent311();
    try (V3Device first = V3Device.connect(uri, "keeper", persistent)) {
      first.subscribe("mail/#", 1);
    }
    try (V3Device pub = V3Device.connect(port, "sender")) {
      for (int i = 0; i < 5; i++) {
        pub.publish("mail/" + i, "m" + i, 1, false);
      }
      pub.publish("mail/ignored", "qos0 is not kept offline", 0, false);
    }
    try (V3Device back = V3Device.connect(uri, "keeper", persistent)) {
      assertThat(back.client().isConnected()).isTrue();
      for (int i = 0; i < 5; i++) {
        assertThat(back.next().payload()).isEqualTo("m" + i);
      }
    }
  }

  @Test
  void cleanSessionStartsEmpty(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous());
    int port = Brokers.lan(broker);
    String uri = "tcp://127.0.0.1:" + port;
    MqttConnectionOptions keep = persistent5();
    try (V5Device d = V5Device.connect(uri, "c", keep)) {
      assertThat(d.connectToken().getSessionPresent()).isFalse();
      d.subscribe("x", 1);
    }
    try (V5Device d = V5Device.connect(uri, "c", keep)) {
      assertThat(d.connectToken().getSessionPresent()).isTrue();
    }
    MqttConnectionOptions clean = V5Device.options();
    try (V5Device d = V5Device.connect(uri, "c", clean); V5Device pub = V5Device.connect(port, "p")) {
      assertThat(d.connectToken().getSessionPresent()).isFalse();
      pub.publish("x", "old subscription is gone", 1, false);
      d.subscribe("y", 1);
      pub.publish("y", "new", 1, false);
      assertThat(d.next().payload()).isEqualTo("new");
    }
  }

  @Test
  void offlineQueueIsBoundedAndOverflowIsCounted(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.withSessions(
        new SessionConfig(3, Duration.ofHours(1), 100, 32 << 20, 16 << 20, 10_000)));
    int port = Brokers.lan(broker);
    String uri = "tcp://127.0.0.1:" + port;
    MqttConnectOptions persistent = persistent311();
    try (V3Device d = V3Device.connect(uri, "small", persistent)) {
      d.subscribe("q", 1);
    }
    try (V3Device pub = V3Device.connect(port, "pub")) {
      for (int i = 0; i < 5; i++) {
        pub.publish("q", "m" + i, 1, false);
      }
    }
    assertThat(broker.stats().drops(Drop.QUEUE_FULL)).isEqualTo(2);
    try (V3Device d = V3Device.connect(uri, "small", persistent); V3Device pub = V3Device.connect(port, "pub")) {
      for (int i = 0; i < 3; i++) {
        assertThat(d.next().payload()).isEqualTo("m" + i);
      }
      pub.publish("q", "after", 1, false);
      assertThat(d.next().payload()).isEqualTo("after");
    }
  }

  @Test
  void queuedBytesAreBoundedPerSessionSoOneOfflineSessionCannotStarveOthers(Vertx vertx) throws Exception {
    // 512 KiB for all sessions, so at most 64 KiB for any one of them
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.withSessions(
        new SessionConfig(1000, Duration.ofHours(1), 100, 512 << 10, 16 << 20, 10_000)));
    int port = Brokers.lan(broker);
    String uri = "tcp://127.0.0.1:" + port;
    MqttConnectOptions persistent = persistent311();
    try (V3Device d = V3Device.connect(uri, "bounded", persistent)) {
      d.subscribe("q", 1);
    }
    String tenKb = "x".repeat(10_000);
    try (V3Device pub = V3Device.connect(port, "pub"); V3Device online = V3Device.connect(port, "online")) {
      online.subscribe("q", 1);
      for (int i = 0; i < 10; i++) {
        pub.publish("q", i + tenKb, 1, false);
      }
      for (int i = 0; i < 10; i++) {
        assertThat(online.next().payload()).startsWith(String.valueOf(i));
      }
    }
    // the offline session's 64 KiB hold six 10 kB messages; the other four are refused and counted
    assertThat(broker.stats().drops(Drop.QUEUE_FULL)).isEqualTo(4);
    try (V3Device d = V3Device.connect(uri, "bounded", persistent); V3Device pub = V3Device.connect(port, "pub")) {
      for (int i = 0; i < 6; i++) {
        assertThat(d.next().payload()).startsWith(String.valueOf(i));
      }
      // delivered and acknowledged: the room is free again
      pub.publish("q", "after", 1, false);
      assertThat(d.next().payload()).isEqualTo("after");
    }
  }

  @Test
  void secondConnectionWithTheSameClientIdTakesOverAndTheFirstIsToldWhy(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous());
    int port = Brokers.lan(broker);
    try (V5Device first = V5Device.connect(port, "same"); V3Device first3 = V3Device.connect(port, "same3")) {
      try (V5Device second = V5Device.connect(port, "same"); V3Device second3 = V3Device.connect(port, "same3")) {
        assertThat(first.disconnected().get(10, java.util.concurrent.TimeUnit.SECONDS).getReturnCode())
            .isEqualTo(0x8E);
        assertThat(first3.lost().get(10, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
        assertThat(second.client().isConnected()).isTrue();
        second.subscribe("t", 1);
        second.publish("t", "mine now", 1, false);
        assertThat(second.next().payload()).isEqualTo("mine now");
      }
    }
  }

  @Test
  void sessionThatWasToEndWithItsConnectionIsNotResumedByATakeover(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous());
    int port = Brokers.lan(broker);
    try (V5Device first = V5Device.connect(port, "short-lived")) {
      first.subscribe("x", 1);
      MqttConnectionOptions resume = persistent5();
      try (V5Device second = V5Device.connect("tcp://127.0.0.1:" + port, "short-lived", resume)) {
        assertThat(second.connectToken().getSessionPresent()).isFalse();
      }
    }
  }

  @Test
  void sessionOfflineLongestMakesRoomWhenTheSessionLimitIsReached(Vertx vertx) throws Exception {
    io.edgegateway.config.GatewayConfig base = TestConfigs.withSessions(
        new SessionConfig(1000, Duration.ofHours(1), 100, 32 << 20, 16 << 20, 2));
    LocalBroker broker = Brokers.deploy(vertx, new io.edgegateway.config.GatewayConfig(base.gatewayId(),
        base.listeners(), base.auth(), TestConfigs.withLimits(l -> l.maxConnections(2)).limits(), base.sessions(),
        base.log(), base.upstream(), base.spool(), base.forward(), base.downlink()));
    String uri = "tcp://127.0.0.1:" + Brokers.lan(broker);
    MqttConnectionOptions keep = persistent5();
    V5Device.connect(uri, "first", keep).close();
    V5Device.connect(uri, "second", keep).close();
    try (V5Device third = V5Device.connect(uri, "third", keep)) {
      assertThat(third.connectToken().getSessionPresent()).isFalse();
    }
    try (V5Device second = V5Device.connect(uri, "second", keep)) {
      assertThat(second.connectToken().getSessionPresent()).as("second kept").isTrue();
    }
    try (V5Device first = V5Device.connect(uri, "first", keep)) {
      assertThat(first.connectToken().getSessionPresent()).as("first, offline longest, ended").isFalse();
    }
  }

  /** MQTT 3.1.1 options with Clean Session 0. */
  private static MqttConnectOptions persistent311() {
    MqttConnectOptions o = V3Device.options();
    o.setCleanSession(false);
    return o;
  }

  /** MQTT 5 options for a session kept an hour after its connection ends. */
  private static MqttConnectionOptions persistent5() {
    MqttConnectionOptions o = V5Device.options();
    o.setCleanStart(false);
    o.setSessionExpiryInterval(3600L);
    return o;
  }
}
