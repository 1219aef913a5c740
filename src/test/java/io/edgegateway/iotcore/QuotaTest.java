package io.edgegateway.iotcore;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** IoT Core's per-connection quotas, each on its own, and none of them in raw mode. */
@ExtendWith(VertxExtension.class)
class QuotaTest {
  private final FixedAuthorizer authorizer = FixedAuthorizer.allowing("dev1", Policies.everything());
  private IotCoreSimulator simulator;

  private void start(Vertx vertx, SimulatorOptions options) throws Exception {
    simulator = Fixture.start(vertx, options, Authorizers.single("gw-auth", authorizer));
  }

  @AfterEach
  void stop() throws Exception {
    if (simulator != null) {
      Fixture.await(simulator.close());
    }
  }

  @Test
  void moreThan100PublishesInASecondAreDiscarded(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults());
    List<Integer> codes = new ArrayList<>();
    try (PahoDevice device = PahoDevice.connect(simulator, "fast")) {
      for (int batch = 0; batch < 2; batch++) {
        List<IMqttToken> tokens = new ArrayList<>();
        for (int i = 0; i < 75; i++) {
          tokens.add(device.client.publish("dt/fast", new MqttMessage(new byte[] {1}, 1, false, null)));
        }
        for (IMqttToken token : tokens) {
          token.waitForCompletion(PahoDevice.WAIT);
          codes.add(token.getReasonCodes()[0]);
        }
      }
      for (int i = 0; i < 150; i++) {
        device.client.publish("dt/fast", new MqttMessage(new byte[] {0}, 0, false, null));
      }
      device.publish("dt/fast", "marker", 1);
    }
    assertThat(codes).containsOnly(0, 0x97).contains(0x97);
    assertThat(simulator.maxPublishesInAnySecond("fast")).isLessThanOrEqualTo(100);
    assertThat(simulator.count(Counter.THROTTLED)).isGreaterThanOrEqualTo(codes.stream().filter(c -> c == 0x97).count());
    assertThat(simulator.arrivals()).hasSizeLessThan(301);
  }

  @Test
  void theByteRateDelaysReading(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults().withQuotas(Quotas.iotCore().withBytesPerSecond(64 * 1024)));
    try (PahoDevice device = PahoDevice.connect(simulator, "bulk")) {
      for (int i = 0; i < 4; i++) {
        assertThat(device.publish("dt/bulk", new byte[32 * 1024], 1, false)).isZero();
      }
    }
    List<Arrival> arrivals = simulator.arrivals();
    assertThat(arrivals).hasSize(4);
    assertThat(simulator.count(Counter.BYTES_DELAYED)).isPositive();
    // the third message puts the connection 32 KiB in debt: reading waits about half a second
    assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(3).nanos() - arrivals.get(0).nanos())).isGreaterThan(400);
  }

  @Test
  void payloadsOver128KbDisconnect(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults());
    try (PahoDevice device = PahoDevice.connect(simulator, "big")) {
      assertThat(device.publish("dt/big", new byte[131_072], 1, false)).isZero();
      device.client.publish("dt/big", new MqttMessage(new byte[131_073], 1, false, null));
      assertThat(device.disconnectReason()).isEqualTo(0x95);
    }
    assertThat(simulator.count(Counter.OVERSIZED)).isEqualTo(1);
    assertThat(simulator.arrivals()).hasSize(1);
  }

  @Test
  void topicsOver256BytesOrSevenSlashesDisconnect(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults().withQuotas(Quotas.iotCore().withThrottleConnects(false)));
    try (PahoDevice device = PahoDevice.connect(simulator, "topics")) {
      assertThat(device.publish("$aws/rules/r/" + "a/".repeat(7) + "b", "ok", 1)).isZero();
      assertThat(device.publish("x".repeat(256), "ok", 1)).isZero();
      device.client.publish("x".repeat(257), new MqttMessage(new byte[1], 1, false, null));
      assertThat(device.disconnectReason()).isEqualTo(0x90);
    }
    try (PahoDevice device = PahoDevice.connect(simulator, "topics")) {
      device.client.publish("a/".repeat(8) + "b", new MqttMessage(new byte[1], 1, false, null));
      assertThat(device.disconnectReason()).isEqualTo(0x90);
    }
    assertThat(simulator.count(Counter.TOPIC_TOO_LONG)).isEqualTo(1);
    assertThat(simulator.count(Counter.TOPIC_TOO_MANY_SLASHES)).isEqualTo(1);
  }

  /** Paho 1.2.5 does not send QoS 2 after CONNACK said Maximum QoS 1: a raw client does. */
  @Test
  void qos2IsNotSupported(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults());
    try (RawMqtt5 client = new RawMqtt5(simulator)) {
      assertThat(client.connect("q2", "u")).isZero();
      client.publish("dt/q2", 2, 1);
      assertThat(client.disconnectReason()).isEqualTo(0x9B);
    }
    assertThat(simulator.count(Counter.QOS2)).isEqualTo(1);
  }

  /** Raw client: Paho 1.2.5 takes SUBACK 0x97 for an invalid packet. */
  @Test
  void eightFiltersPerSubscribeAndFiftySubscriptionsPerConnection(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults());
    try (RawMqtt5 client = new RawMqtt5(simulator)) {
      assertThat(client.connect("subs", "u")).isZero();
      assertThat(client.subscribe(1, filters(0, 10))).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 0x97, 0x97);
      for (int start = 10; start < 50; start += 8) {
        assertThat(client.subscribe(start, filters(start, 8))).containsOnly(1);
      }
      assertThat(client.subscribe(100, filters(100, 4))).containsExactly(1, 1, 0x97, 0x97);
    }
    assertThat(simulator.count(Counter.FILTERS_PER_SUBSCRIBE_EXCEEDED)).isEqualTo(2);
    assertThat(simulator.count(Counter.SUBSCRIPTIONS_EXCEEDED)).isEqualTo(2);
  }

  @Test
  void aNewerConnectionTakesTheClientIdOver(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults().withQuotas(Quotas.iotCore().withThrottleConnects(false)));
    try (PahoDevice first = PahoDevice.connect(simulator, "same");
        PahoDevice second = PahoDevice.connect(simulator, "same")) {
      assertThat(first.disconnectReason()).isEqualTo(0x8E);
      assertThat(second.publish("dt/same", "still here", 1)).isZero();
      assertThat(simulator.connectedClientIds()).containsExactly("same");
    }
    assertThat(simulator.count(Counter.TAKEOVER)).isEqualTo(1);
    assertThat(simulator.connects("same")).isEqualTo(2);
  }

  @Test
  void keepAliveIsClampedAndToldToMqtt5Clients(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults().withQuotas(Quotas.iotCore().withThrottleConnects(false)));
    assertThat(serverKeepAlive("k1", 5)).isEqualTo(30);
    assertThat(serverKeepAlive("k2", 0)).isEqualTo(1200);
    assertThat(serverKeepAlive("k3", 60)).isNull();
  }

  @Test
  void mqtt311PublishesDiscardedByTheRateStayUnacknowledgedAndTheHundredAndFirstDisconnects(Vertx vertx)
      throws Exception {
    start(vertx, SimulatorOptions.defaults());
    MqttAsyncClient client = new MqttAsyncClient("ssl://localhost:" + simulator.port(), "v3flood",
        new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
    CompletableFuture<Throwable> lost = new CompletableFuture<>();
    client.setCallback(new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {
        lost.complete(cause);
      }

      @Override
      public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {
      }
    });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setSocketFactory(TlsClients.iotCore(simulator.tls()));
    options.setUserName("v3");
    options.setPassword("pw".toCharArray());
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setMaxInflight(400);
    client.connect(options).waitForCompletion(PahoDevice.WAIT);
    try {
      for (int i = 0; i < 300; i++) {
        client.publish("dt/v3flood", new byte[1], 1, false);
      }
    } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
      // the connection was closed under the loop
    }
    assertThat(lost.get(15, TimeUnit.SECONDS)).isNotNull();
    client.close(true);
    // 100 accepted in the first second, then 100 discarded without PUBACK: the next QoS 1 is one too many
    assertThat(simulator.count(Counter.THROTTLED)).isGreaterThanOrEqualTo(100);
    assertThat(simulator.count(Counter.INFLIGHT_EXCEEDED)).isEqualTo(1);
  }

  @Test
  void rawModeEnforcesNoQuota(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.raw());
    try (PahoDevice device = PahoDevice.connect(simulator, "$raw")) {
      for (int i = 0; i < 300; i++) {
        device.client.publish("dt/raw", new MqttMessage(new byte[] {0}, 0, false, null));
      }
      assertThat(device.publish("dt/raw", new byte[200_000], 1, false)).isZero();
      assertThat(device.publish("a/".repeat(20) + "x".repeat(300), "deep", 1)).isZero();
      assertThat(device.subscribe(filters(0, 12))).hasSize(12).containsOnly(1);
      device.client.publish("dt/raw", new MqttMessage(new byte[1], 2, false, null)).waitForCompletion(PahoDevice.WAIT);
      assertThat(device.publish("dt/raw", "last", 1)).isZero();
    }
    assertThat(simulator.arrivals()).hasSize(304);
    assertThat(simulator.counters().snapshot().values()).allMatch(count -> count == 0);
  }

  private Integer serverKeepAlive(String clientId, int keepAlive) throws Exception {
    MqttConnectionOptions options = PahoDevice.options(simulator, "u");
    options.setKeepAliveInterval(keepAlive);
    PahoDevice device = PahoDevice.connect(simulator, clientId, options);
    Integer value = device.connectToken.getResponseProperties().getServerKeepAlive();
    device.close();
    return value;
  }

  private static String[] filters(int start, int count) {
    String[] filters = new String[count];
    for (int i = 0; i < count; i++) {
      filters[i] = "cmd/" + (start + i) + "/#";
    }
    return filters;
  }
}
