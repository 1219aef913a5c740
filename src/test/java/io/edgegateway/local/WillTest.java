package io.edgegateway.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testing.Brokers;
import io.edgegateway.testing.RawMqtt;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V3Device;
import io.edgegateway.testing.V5Device;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Will messages: published on an abnormal end, never on a clean DISCONNECT, delayed when asked. */
@ExtendWith(VertxExtension.class)
class WillTest {

  private LocalBroker broker;
  private int port;

  @BeforeEach
  void start(Vertx vertx) {
    broker = Brokers.deploy(vertx, TestConfigs.withLimits(l -> l.maxKeepAlive(Duration.ofMinutes(5))));
    port = Brokers.lan(broker);
  }

  @Test
  void willIsPublishedWhenTheConnectionDropsWithoutDisconnect() throws Exception {
    try (V3Device watcher = V3Device.connect(port, "watcher")) {
      watcher.subscribe("wills/#", 1);
      MqttConnectOptions o = V3Device.options();
      o.setWill("wills/sensor-1", "gone".getBytes(StandardCharsets.UTF_8), 1, false);
      V3Device sensor = V3Device.connect("tcp://127.0.0.1:" + port, "sensor-1", o);
      sensor.client().disconnectForcibly(0, 1000, false);
      V3Device.Received will = watcher.next();
      assertThat(will.topic()).isEqualTo("wills/sensor-1");
      assertThat(will.payload()).isEqualTo("gone");
      sensor.client().close(true);
    }
  }

  @Test
  void willIsNotPublishedAfterACleanDisconnect() throws Exception {
    try (V3Device watcher = V3Device.connect(port, "watcher")) {
      watcher.subscribe("wills/#", 1);
      MqttConnectOptions o = V3Device.options();
      o.setWill("wills/polite", "gone".getBytes(StandardCharsets.UTF_8), 1, false);
      V3Device polite = V3Device.connect("tcp://127.0.0.1:" + port, "polite", o);
      polite.close();
      try (V3Device other = V3Device.connect(port, "other")) {
        other.publish("wills/sentinel", "sentinel", 1, false);
      }
      assertThat(watcher.next().payload()).isEqualTo("sentinel");
    }
  }

  @Test
  void willIsPublishedWhenKeepAliveRunsOut() throws Exception {
    try (V3Device watcher = V3Device.connect(port, "watcher"); RawMqtt silent = new RawMqtt(port)) {
      watcher.subscribe("wills/#", 1);
      // a raw device with a 1 s keep-alive that then says nothing at all, and a will
      byte[] body = connectWithWill("silent", 1, "wills/silent", "timed out");
      silent.send(0x10, body);
      assertThat(silent.read().type()).isEqualTo(2);
      V3Device.Received will = watcher.next();
      assertThat(will.payload()).isEqualTo("timed out");
      assertThat(silent.closedByPeer()).isTrue();
    }
  }

  @Test
  void retainedWillIsKeptForLaterSubscribers() throws Exception {
    MqttConnectOptions o = V3Device.options();
    o.setWill("status/gw-7", "offline".getBytes(StandardCharsets.UTF_8), 1, true);
    V3Device dev = V3Device.connect("tcp://127.0.0.1:" + port, "gw-7", o);
    dev.client().disconnectForcibly(0, 1000, false);
    dev.client().close(true);
    try (V3Device later = V3Device.connect(port, "later")) {
      later.subscribe("status/+", 1);
      V3Device.Received r = later.next();
      assertThat(r.payload()).isEqualTo("offline");
      assertThat(r.retained()).isTrue();
    }
  }

  @Test
  void delayedWillIsCancelledWhenTheDeviceComesBackInTime() throws Exception {
    try (V5Device watcher = V5Device.connect(port, "watcher")) {
      watcher.subscribe("wills/#", 1);
      MqttConnectionOptions o = withWill(persistent(), "wills/flaky", "late", 300);
      V5Device flaky = V5Device.connect("tcp://127.0.0.1:" + port, "flaky", o);
      flaky.client().disconnectForcibly(0, 1000, false);
      flaky.client().close(true);
      try (V5Device back = V5Device.connect("tcp://127.0.0.1:" + port, "flaky", o)) {
        assertThat(back.connectToken().getSessionPresent()).isTrue();
        back.publish("wills/sentinel", "sentinel", 1, false);
        assertThat(watcher.next().payload()).isEqualTo("sentinel");
      }
    }
  }

  @Test
  void willWithDelayIsPublishedAtOnceWhenTheSessionEndsWithTheConnection() throws Exception {
    try (V5Device watcher = V5Device.connect(port, "watcher")) {
      watcher.subscribe("wills/#", 1);
      MqttConnectionOptions o = withWill(V5Device.options(), "wills/short", "bye", 300);
      V5Device d = V5Device.connect("tcp://127.0.0.1:" + port, "short", o);
      d.client().disconnectForcibly(0, 1000, false);
      d.client().close(true);
      assertThat(watcher.next().payload()).isEqualTo("bye");
    }
  }

  /** MQTT 5 options for a session that outlives its connection by 10 minutes. */
  private static MqttConnectionOptions persistent() {
    MqttConnectionOptions o = V5Device.options();
    o.setCleanStart(false);
    o.setSessionExpiryInterval(600L);
    return o;
  }

  /** Adds a QoS 1 will with the given Will Delay Interval (0 for none). */
  private static MqttConnectionOptions withWill(MqttConnectionOptions o, String topic, String payload,
      long delaySeconds) {
    MqttMessage will = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    will.setQos(1);
    o.setWill(topic, will);
    if (delaySeconds > 0) {
      MqttProperties willProps = new MqttProperties();
      willProps.setWillDelayInterval(delaySeconds);
      o.setWillMessageProperties(willProps);
    }
    return o;
  }

  private static byte[] connectWithWill(String clientId, int keepAlive, String willTopic, String willPayload) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    str(b, "MQTT");
    b.write(4);
    b.write(0x02 | 0x04 | 0x08); // clean session, will flag, will QoS 1
    b.write(keepAlive >> 8);
    b.write(keepAlive);
    str(b, clientId);
    str(b, willTopic);
    str(b, willPayload);
    return b.toByteArray();
  }

  private static void str(java.io.ByteArrayOutputStream b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.write(bytes.length >> 8);
    b.write(bytes.length);
    b.writeBytes(bytes);
  }

  @Test
  void takeoverWithCleanStartEndsTheOldSessionAndPublishesItsDelayedWill() throws Exception {
    try (V5Device watcher = V5Device.connect(port, "watcher")) {
      watcher.subscribe("wills/#", 1);
      MqttConnectionOptions o = withWill(persistent(), "wills/twin", "replaced", 300);
      V5Device old = V5Device.connect("tcp://127.0.0.1:" + port, "twin", o);
      try (V5Device fresh = V5Device.connect("tcp://127.0.0.1:" + port, "twin", V5Device.options())) {
        assertThat(watcher.next().payload()).isEqualTo("replaced");
      } finally {
        old.client().close(true);
      }
    }
  }

  @Test
  void extendingAnEndingSessionOnDisconnectIsAProtocolErrorAndTheWillIsPublished() throws Exception {
    try (V5Device watcher = V5Device.connect(port, "watcher")) {
      watcher.subscribe("wills/#", 1);
      MqttConnectionOptions o = withWill(V5Device.options(), "wills/rude", "bad goodbye", 0); // Session Expiry 0
      V5Device d = V5Device.connect("tcp://127.0.0.1:" + port, "rude", o);
      MqttProperties extend = new MqttProperties();
      extend.setSessionExpiryInterval(600L);
      d.client().disconnect(5000, null, null, 0, extend).waitForCompletion(10_000);
      d.client().close(true);
      assertThat(watcher.next().payload()).isEqualTo("bad goodbye");
    }
  }
}
