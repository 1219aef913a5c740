package io.edgegateway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.config.AuthConfig;
import io.edgegateway.local.access.DeviceAuthenticator;
import io.edgegateway.local.access.TopicAccess;
import io.edgegateway.local.auth.AclFile;
import io.edgegateway.local.auth.PasswordFile;
import io.edgegateway.local.auth.PasswordFileEditor;
import io.edgegateway.local.auth.PasswordHasher;
import io.edgegateway.testing.Brokers;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V3Device;
import io.edgegateway.testing.V5Device;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices authenticated by a mosquitto_passwd file and confined by a Mosquitto ACL file, on a LAN
 * listener that requires credentials and a loopback listener that admits anonymous devices.
 */
@ExtendWith(VertxExtension.class)
class DeviceAuthTest {

  private LocalBroker broker;
  private int lan;
  private int loopback;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    Path passwd = dir.resolve("passwd");
    PasswordFileEditor editor = new PasswordFileEditor(passwd, new PasswordHasher());
    editor.create("sensor-1", "s3cret".getBytes(StandardCharsets.UTF_8));
    editor.put("dashboard", "pässwörd".getBytes(StandardCharsets.UTF_8));
    AclFile acl = AclFile.parse(List.of(
        "# anonymous devices may only read the public topics",
        "topic read public/#",
        "",
        "user dashboard",
        "topic read devices/#",
        "topic readwrite public/#",
        "",
        "# every device writes under its own client id",
        "pattern write devices/%c/#",
        "pattern read commands/%u/#"), "test-acl");
    broker = Brokers.deploy(vertx, TestConfigs.with(
            List.of(TestConfigs.tcp("lan", false), TestConfigs.tcp("loopback", true)),
            new AuthConfig(passwd, null)),
        new DeviceAuthenticator(PasswordFile.load(passwd)), TopicAccess.of(acl),
        io.edgegateway.local.Ingress.LOCAL_ONLY);
    lan = broker.boundPorts().get("lan");
    loopback = broker.boundPorts().get("loopback");
  }

  @Test
  void rightPasswordConnectsAndWrongOrMissingCredentialsAreRefusedWithReasonCodes() throws Exception {
    try (V5Device ok = V5Device.connect(uri(lan), "s1", v5("sensor-1", "s3cret"));
         V3Device ok3 = V3Device.connect(uri(lan), "d1", v3("dashboard", "pässwörd"))) {
      assertThat(ok.client().isConnected()).isTrue();
      assertThat(ok3.client().isConnected()).isTrue();
    }
    assertThatThrownBy(() -> V5Device.connect(uri(lan), "s1", v5("sensor-1", "wrong")))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
    assertThatThrownBy(() -> V5Device.connect(uri(lan), "s1", v5("nobody", "s3cret")))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
    assertThatThrownBy(() -> V3Device.connect(uri(lan), "s1", v3("sensor-1", "wrong")))
        .isInstanceOfSatisfying(org.eclipse.paho.client.mqttv3.MqttException.class,
            e -> assertThat(e.getReasonCode()).isEqualTo(4));
    assertThatThrownBy(() -> V5Device.connect(uri(lan), "anon", V5Device.options()))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x87));
    assertThatThrownBy(() -> V3Device.connect(lan, "anon"))
        .isInstanceOfSatisfying(org.eclipse.paho.client.mqttv3.MqttException.class,
            e -> assertThat(e.getReasonCode()).isEqualTo(5));
  }

  @Test
  void anonymousListenerStillChecksCredentialsThatAreSent() throws Exception {
    try (V3Device anon = V3Device.connect(loopback, "anon")) {
      assertThat(anon.client().isConnected()).isTrue();
    }
    assertThatThrownBy(() -> V5Device.connect(uri(loopback), "x", v5("sensor-1", "wrong")))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
  }

  @Test
  void aclDecidesWhoMayPublishAndWhatEachSubscriberReceives() throws Exception {
    try (V5Device sensor = V5Device.connect(uri(lan), "s1", v5("sensor-1", "s3cret"));
         V5Device dash = V5Device.connect(uri(lan), "dash", v5("dashboard", "pässwörd"));
         V3Device anon = V3Device.connect(loopback, "anon")) {
      assertThat(dash.subscribe("devices/#", 1).getReasonCodes()).containsExactly(1);
      // as in Mosquitto 2, a SUBSCRIBE is granted whatever the ACL says; the read rules decide
      // message by message what the subscriber receives
      anon.subscribe("#", 1);

      IMqttToken own = sensor.publish("devices/s1/temp", "21.5", 1, false);
      assertThat(own.getReasonCodes()).containsExactly(0);
      IMqttToken foreign = sensor.publish("devices/s2/temp", "spoofed", 1, false);
      assertThat(foreign.getReasonCodes()).containsExactly(0x87);
      IMqttToken notReadable = dash.publish("devices/s1/forged", "dashboards only read devices/#", 1, false);
      assertThat(notReadable.getReasonCodes()).containsExactly(0x87);
      dash.publish("public/notice", "maintenance at noon", 1, false);

      assertThat(dash.next().payload()).isEqualTo("21.5");
      // the anonymous device reads only public/#: its first message is the notice
      assertThat(anon.next().payload()).isEqualTo("maintenance at noon");
      assertThat(broker.stats().drops(BrokerStats.Drop.NOT_AUTHORIZED)).isGreaterThanOrEqualTo(3);
    }
  }

  private static String uri(int port) {
    return "tcp://127.0.0.1:" + port;
  }

  private static MqttConnectionOptions v5(String user, String password) {
    MqttConnectionOptions o = V5Device.options();
    o.setUserName(user);
    o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    return o;
  }

  private static MqttConnectOptions v3(String user, String password) {
    MqttConnectOptions o = V3Device.options();
    o.setUserName(user);
    o.setPassword(password.toCharArray());
    return o;
  }

  @Test
  void aSlowPasswordHashDelaysOnlyTheDeviceBeingChecked(Vertx vertx, @TempDir Path dir) throws Exception {
    Path slowFile = dir.resolve("slow-passwd");
    // a deliberately expensive hash: checking it takes about a second
    new PasswordFileEditor(slowFile, new PasswordHasher(2_000_000, new java.security.SecureRandom()))
        .create("patient", "pw".getBytes(StandardCharsets.UTF_8));
    LocalBroker slow = Brokers.deploy(vertx, TestConfigs.with(
            List.of(TestConfigs.tcp("lan", true)), new AuthConfig(slowFile, null)),
        new DeviceAuthenticator(PasswordFile.load(slowFile)), TopicAccess.ALLOW_ALL,
        io.edgegateway.local.Ingress.LOCAL_ONLY);
    int port = slow.boundPorts().get("lan");
    try (V3Device bystander = V3Device.connect(port, "bystander")) {
      bystander.subscribe("echo", 1);
      java.util.concurrent.CompletableFuture<V5Device> patient = java.util.concurrent.CompletableFuture
          .supplyAsync(() -> {
            try {
              return V5Device.connect(uri(port), "patient", v5("patient", "pw"));
            } catch (MqttException e) {
              throw new java.util.concurrent.CompletionException(e);
            }
          });
      // while the hash is computed, the event loop keeps serving everybody else
      bystander.publish("echo", "served", 1, false);
      assertThat(bystander.next().payload()).isEqualTo("served");
      assertThat(patient).isNotDone();
      try (V5Device admitted = patient.get(30, java.util.concurrent.TimeUnit.SECONDS)) {
        assertThat(admitted.client().isConnected()).isTrue();
      }
    }
  }

  @Test
  void packetsSentRightBehindConnectWithCredentialsAreServedInOrder() throws Exception {
    try (io.edgegateway.testing.RawMqtt raw = new io.edgegateway.testing.RawMqtt(lan)) {
      java.io.ByteArrayOutputStream connect = new java.io.ByteArrayOutputStream();
      str(connect, "MQTT");
      connect.write(4);
      connect.write(0x02 | 0x80 | 0x40); // clean session, username, password
      connect.write(0);
      connect.write(60);
      str(connect, "pipelined");
      str(connect, "sensor-1");
      str(connect, "s3cret");
      raw.send(0x10, connect.toByteArray());
      // MQTT allows packets before the CONNACK arrives
      raw.subscribe(1, "cmd/#", 1);
      assertThat(raw.read().type()).as("CONNACK").isEqualTo(2);
      assertThat(raw.read().type()).as("SUBACK").isEqualTo(9);
    }
  }

  private static void str(java.io.ByteArrayOutputStream b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.write(bytes.length >> 8);
    b.write(bytes.length);
    b.writeBytes(bytes);
  }
}
