package io.edgegateway.upstream;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.Future;
import io.edgegateway.route.Route;
import static io.edgegateway.upstream.UpstreamGateway.AUTHORIZER;
import static io.edgegateway.upstream.UpstreamGateway.CLIENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.Gateway;
import io.edgegateway.config.DownlinkRuleConfig;
import io.edgegateway.config.ForwardRuleConfig;
import io.edgegateway.config.GatewayConfig;
import io.edgegateway.config.SpoolConfig;
import io.edgegateway.config.UpstreamConfig;
import io.edgegateway.iotcore.Arrival;
import io.edgegateway.iotcore.Authorizers;
import io.edgegateway.iotcore.Counter;
import io.edgegateway.iotcore.FixedAuthorizer;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.Policies;
import io.edgegateway.iotcore.SimulatorOptions;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V3Device;
import io.edgegateway.testing.V5Device;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: Paho devices, the gateway, the real device SDK over TLS, and the IoT Core simulator with
 * the gateway's identity allowed by a fixed authorizer answer (the full chain through the real
 * authorizer and Cognito is {@link FullChainTest}).
 */
@ExtendWith(VertxExtension.class)
class UpstreamLinkTest {

  private static final List<ForwardRuleConfig> FORWARD = List.of(
      new ForwardRuleConfig("sensors/#", "dt/${gatewayId}/${clientId}/${topic[1:]}", 1, null, 0),
      new ForwardRuleConfig("bulk/#", "ingest/${clientId}", 1, "telemetry", 0));
  private static final List<DownlinkRuleConfig> DOWNLINK = List.of(
      new DownlinkRuleConfig("cmd/${gatewayId}/#", "commands/${topic[2:]}", 1, 0));

  private IotCoreSimulator simulator;
  private FixedAuthorizer authorizer;
  private Gateway gateway;
  private final List<AutoCloseable> devices = new ArrayList<>();

  @BeforeEach
  void simulator(Vertx vertx) throws Exception {
    authorizer = FixedAuthorizer.allowing("gw1", Policies.everything());
    simulator = Fixture.start(vertx, SimulatorOptions.defaults(), Authorizers.single(AUTHORIZER, authorizer));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable d : devices) {
      d.close();
    }
    if (gateway != null) {
      Fixture.await(gateway.stop());
    }
    Fixture.await(simulator.close());
  }

  private Gateway start(Path acl, UnaryOperator<TestConfigs.LimitsBuilder> limits) throws Exception {
    return start(acl, limits, 1);
  }

  private Gateway start(Path acl, UnaryOperator<TestConfigs.LimitsBuilder> limits, int connections)
      throws Exception {
    return start(acl, limits, connections, 10_000);
  }

  private Gateway start(Path acl, UnaryOperator<TestConfigs.LimitsBuilder> limits, int connections, int maxQueued)
      throws Exception {
    gateway = UpstreamGateway.start(UpstreamGateway.config(upstream(connections, maxQueued), acl, FORWARD, DOWNLINK,
        limits));
    return gateway;
  }

  private Gateway start(SpoolConfig spool) throws Exception {
    gateway = UpstreamGateway.start(UpstreamGateway.config(upstream(1, 10_000), null, FORWARD, DOWNLINK, l -> l,
        spool));
    return gateway;
  }

  private UpstreamConfig upstream(int connections, int maxQueued) {
    return UpstreamGateway.upstream(simulator, UpstreamGateway.password("gw1", "pw-1"), CLIENT_ID, connections,
        maxQueued);
  }

  private List<Arrival> arrived(int count) throws Exception {
    return Fixture.await(simulator.awaitArrivals(a -> true, count));
  }

  private static List<Integer> payloads(List<Arrival> arrivals) {
    return arrivals.stream().map(a -> Integer.parseInt(a.payloadText())).toList();
  }

  private int port() {
    return gateway.port("lan");
  }

  private <T extends AutoCloseable> T device(T d) {
    devices.add(d);
    return d;
  }

  @Test
  void aForwardedMessageIsAcknowledgedOnceOnDiskAndArrivesWithItsMappedTopicAndPayload() throws Exception {
    start(null, l -> l);
    V5Device sensor = device(V5Device.connect(port(), "sensor-7"));

    IMqttToken ack = sensor.publish("sensors/kitchen/temp", "{\"t\":21.5}", 1, false);

    assertThat(ack.getReasonCodes()).containsExactly(0);
    // the PUBACK followed the spool's commit; the spool then forwards it
    assertThat(arrived(1)).singleElement().satisfies(a -> {
      assertThat(a.topic()).isEqualTo("dt/test-gateway/sensor-7/kitchen/temp");
      assertThat(a.payloadText()).isEqualTo("{\"t\":21.5}");
      assertThat(a.clientId()).isEqualTo(CLIENT_ID);
      assertThat(a.qos()).isEqualTo(1);
    });
    assertThat(simulator.authorizerEvents()).singleElement().satisfies(e ->
        assertThat(e.getJsonObject("protocolData").getJsonObject("mqtt").getString("username"))
            .startsWith("gw1?x-amz-customauthorizer-name=" + AUTHORIZER));
  }

  @Test
  void basicIngestRulesPublishToTheRuleAndUnmatchedTopicsStayLocal() throws Exception {
    start(null, l -> l);
    V5Device sensor = device(V5Device.connect(port(), "sensor-8"));
    V5Device local = device(V5Device.connect(port(), "display"));
    local.subscribe("room/#", 1);

    sensor.publish("room/light", "on", 1, false);
    assertThat(local.next().payload()).isEqualTo("on");
    sensor.publish("bulk/readings", "r1", 1, false);

    assertThat(arrived(1)).singleElement().satisfies(a -> {
      assertThat(a.ruleName()).isEqualTo("telemetry");
      assertThat(a.ruleTopic()).isEqualTo("ingest/sensor-8");
    });
  }

  @Test
  void aDownlinkCommandReachesOnlyTheDevicesThatMayReadIt(@TempDir Path dir) throws Exception {
    Path acl = Files.writeString(dir.resolve("acl"), String.join("\n",
        "topic readwrite sensors/#",
        "pattern read commands/%c/#", ""));
    start(acl, l -> l);
    V5Device a = device(V5Device.connect(port(), "dev-a"));
    V3Device b = device(V3Device.connect(port(), "dev-b"));
    a.subscribe("commands/#", 1);
    b.subscribe("commands/#", 1);
    // the gateway subscribes upstream once connected: a forwarded message shows the link is up
    a.publish("sensors/x", "up", 1, false);
    arrived(1);
    Fixture.await(simulator.subscriptions(CLIENT_ID).map(s -> {
      assertThat(s).contains("cmd/test-gateway/#");
      return s;
    }));

    Fixture.await(simulator.publish("cmd/test-gateway/dev-a/reboot", "now".getBytes(StandardCharsets.UTF_8), 1));
    Fixture.await(simulator.publish("cmd/test-gateway/dev-b/blink", "twice".getBytes(StandardCharsets.UTF_8), 1));

    V5Device.Received toA = a.next();
    assertThat(toA.topic()).isEqualTo("commands/dev-a/reboot");
    assertThat(toA.payload()).isEqualTo("now");
    // dev-b may read only commands/dev-b/#: the first command it gets is its own
    assertThat(b.next().topic()).isEqualTo("commands/dev-b/blink");
    assertThat(a.received().poll(0, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void aDenialIsToldApartFromAFaultAndBackedOffLonger() throws Exception {
    authorizer.deny();
    start(null, l -> l);

    LinkStatus denied = UpstreamGateway.reached(gateway, LinkState.DENIED).get(20, TimeUnit.SECONDS);

    assertThat(denied.lastError()).contains("the authorizer denied user gw1");
    // the next try waits at least the denied delay (5 minutes here), not the fault backoff (at most 2 s)
    assertThat(denied.nextAttempt()).isAfter(denied.since().plusSeconds(290));
    assertThat(simulator.count(Counter.AUTH_DENIED)).isEqualTo(1);
    assertThat(denied.toString()).doesNotContain("pw-1");
  }

  @Test
  void aForcedDisconnectAtExpiryLosesNothingAndKeepsEachDevicesOrder(Vertx vertx) throws Exception {
    start(null, l -> l.maxInflight(500));
    V5Device sensor = device(V5Device.connect(port(), "sensor-9"));
    int total = 60;
    List<IMqttToken> acks = new ArrayList<>();
    for (int i = 0; i < total / 2; i++) {
      acks.add(sensor.client().publish("sensors/seq", message(i)));
    }
    Fixture.await(simulator.awaitArrivals(a -> true, 10));
    Fixture.await(simulator.expire(CLIENT_ID));
    for (int i = total / 2; i < total; i++) {
      acks.add(sensor.client().publish("sensors/seq", message(i)));
    }
    for (IMqttToken t : acks) {
      t.waitForCompletion(20_000);
      assertThat(t.getReasonCodes()).containsExactly(0);
    }
    until(vertx, () -> simulator.arrivals().stream().map(Arrival::payloadText).distinct().count() == total);

    assertThat(simulator.count(Counter.EXPIRED)).isEqualTo(1);
    assertThat(simulator.connects(CLIENT_ID)).isEqualTo(2);
    List<Integer> firstSeen = new ArrayList<>();
    for (Arrival a : simulator.arrivals()) {
      int n = Integer.parseInt(a.payloadText());
      if (!firstSeen.contains(n)) {
        firstSeen.add(n);
      }
    }
    // all of them, each first seen in the order published (what was in flight at the cut may come twice)
    assertThat(firstSeen).hasSize(total).isSorted();
  }

  @Test
  void messagesPublishedWhileIotCoreIsUnreachableAreAcknowledgedFromDiskAndArriveInOrderOnceItIsBack(Vertx vertx)
      throws Exception {
    start(null, l -> l.maxInflight(500));
    V5Device sensor = device(V5Device.connect(port(), "sensor-10"));
    sensor.publish("sensors/seq", "0", 1, false);
    arrived(1);
    int port = simulator.port();
    Fixture.await(simulator.close());
    UpstreamGateway.reached(gateway, LinkState.RETRYING).get(20, TimeUnit.SECONDS);
    List<IMqttToken> acks = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      acks.add(sensor.client().publish("sensors/seq", message(i)));
    }
    // acknowledged while IoT Core is unreachable: they are on disk
    for (IMqttToken t : acks) {
      t.waitForCompletion(20_000);
      assertThat(t.getReasonCodes()).containsExactly(0);
    }
    assertThat(gateway.spoolStats().orElseThrow().messages()).isEqualTo(50);

    simulator = Fixture.start(vertx, SimulatorOptions.defaults().withPort(port),
        Authorizers.single(AUTHORIZER, authorizer));

    assertThat(payloads(arrived(50))).containsExactlyElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
    until(vertx, () -> gateway.spoolStats().orElseThrow().messages() == 0);
  }

  @Test
  void aLiveMessageDoesNotWaitBehindAnotherDevicesBacklogAfterAnOutage(Vertx vertx) throws Exception {
    start(null, l -> l.maxInflight(500));
    V5Device backlog = device(V5Device.connect(port(), "sensor-a"));
    V5Device live = device(V5Device.connect(port(), "sensor-b"));
    int port = simulator.port();
    Fixture.await(simulator.close());
    UpstreamGateway.reached(gateway, LinkState.RETRYING).get(20, TimeUnit.SECONDS);
    List<IMqttToken> acks = new ArrayList<>();
    for (int i = 1; i <= 400; i++) {
      acks.add(backlog.client().publish("sensors/a", message(i)));
    }
    for (IMqttToken t : acks) {
      t.waitForCompletion(20_000);
    }
    simulator = Fixture.start(vertx, SimulatorOptions.defaults().withPort(port),
        Authorizers.single(AUTHORIZER, authorizer));
    // the backlog has begun to drain (at IoT Core's 100 publishes a second: four seconds)
    Fixture.await(simulator.awaitArrivals(a -> a.topic().endsWith("/sensor-a/a"), 1));
    live.publish("sensors/b", "live", 1, false); // returns once the gateway acknowledged it: it is on disk
    int arrivedBeforeItWasSpooled = simulator.arrivals().size();

    List<Arrival> all = arrived(401);
    int liveAt = all.stream().map(Arrival::payloadText).toList().indexOf("live");
    List<Integer> backlogOrder = all.stream().filter(a -> a.topic().endsWith("/sensor-a/a"))
        .map(a -> Integer.parseInt(a.payloadText())).toList();
    assertThat(backlogOrder).containsExactlyElementsOf(IntStream.rangeClosed(1, 400).boxed().toList());
    // in acceptance order it would come last; it waits behind at most what the drain had handed to the
    // link (about a second of the quota: 100 messages)
    assertThat(liveAt - arrivedBeforeItWasSpooled).as("backlog messages that went ahead of the live one")
        .isLessThanOrEqualTo(110);
    assertThat(liveAt).as("backlog messages before the live one").isLessThan(400 - 100);
  }

  @Test
  void aMessageWhoseTimeToLivePassedIsNotSent(Vertx vertx) throws Exception {
    UpstreamLink link = UpstreamLink.create(vertx, upstream(1, 100), List.of(), (topic, payload, qos) -> { });
    try {
      Fixture.await(link.start());
      Future<Void> expired = link.send(new Route.Forward("dt/gw1/old", Buffer.buffer("old"), 1, false, "dev", 0),
          System.currentTimeMillis() - 1);
      Future<Void> fresh = link.send(new Route.Forward("dt/gw1/new", Buffer.buffer("new"), 1, false, "dev", 0),
          Long.MAX_VALUE);

      assertThatThrownBy(() -> Fixture.await(expired)).hasCauseInstanceOf(ExpiredException.class);
      Fixture.await(fresh);
      assertThat(simulator.arrivals()).extracting(Arrival::topic).containsExactly("dt/gw1/new");
    } finally {
      Fixture.await(link.close());
    }
  }

  @Test
  void aBurstIsHeldToOneHundredPublishesPerSecondAndNothingIsThrottled() throws Exception {
    start(null, l -> l.maxInflight(500));
    int total = 250;
    List<IMqttToken> acks = new ArrayList<>();
    List<V5Device> sensors = new ArrayList<>();
    for (int d = 0; d < 5; d++) {
      sensors.add(device(V5Device.connect(port(), "burst-" + d)));
    }
    for (int i = 0; i < total; i++) {
      acks.add(sensors.get(i % 5).client().publish("sensors/burst", message(i)));
    }
    for (IMqttToken t : acks) {
      t.waitForCompletion(20_000);
    }

    arrived(total);
    assertThat(simulator.arrivals()).hasSize(total);
    assertThat(simulator.count(Counter.THROTTLED)).isZero();
    assertThat(simulator.maxPublishesInAnySecond(CLIENT_ID)).isLessThanOrEqualTo(100);
  }

  @Test
  void severalConnectionsShareTheLoadAndEachDeviceKeepsToOne() throws Exception {
    start(null, l -> l, 2);
    List<String> ids = List.of("dev-0", "dev-1", "dev-2", "dev-3", "dev-4", "dev-5");
    List<IMqttToken> acks = new ArrayList<>();
    for (String id : ids) {
      V5Device d = device(V5Device.connect(port(), id));
      for (int i = 0; i < 10; i++) {
        acks.add(d.client().publish("sensors/" + i, message(i)));
      }
    }
    for (IMqttToken t : acks) {
      t.waitForCompletion(20_000);
    }

    Map<String, Set<String>> connectionsByDevice = new HashMap<>();
    for (Arrival a : arrived(acks.size())) {
      String device = a.topic().split("/")[2];
      connectionsByDevice.computeIfAbsent(device, k -> new HashSet<>()).add(a.clientId());
    }
    assertThat(connectionsByDevice).hasSize(ids.size());
    assertThat(connectionsByDevice.values()).allSatisfy(c -> assertThat(c).hasSize(1));
    assertThat(connectionsByDevice.values().stream().flatMap(Set::stream).distinct())
        .containsExactlyInAnyOrder(CLIENT_ID, CLIENT_ID + "-1");
  }

  @Test
  void anOversizedMessageIsRefusedToItsDeviceAndCountedNotSent() throws Exception {
    start(null, l -> l.maxPacketSize(512 * 1024));
    V5Device v5 = device(V5Device.connect(port(), "big-5"));
    V3Device v3 = device(V3Device.connect(port(), "big-3"));
    byte[] payload = new byte[131_073];

    IMqttToken refused = v5.publish("sensors/image", new MqttMessage(payload, 1, false, null));
    v3.client().publish("sensors/image", payload, 1, false);
    v5.publish("sensors/small", "fits", 1, false);

    assertThat(refused.getReasonCodes()).containsExactly(0x97);
    assertThat(gateway.routeStats().refused()).containsEntry(0x97, 2L);
    // the MQTT 3.1.1 device was acknowledged (it has no way to hear no) and kept its connection
    assertThat(v3.client().isConnected()).isTrue();
    assertThat(arrived(1)).singleElement().satisfies(a -> assertThat(a.payloadText()).isEqualTo("fits"));
  }

  @Test
  void aFullSpoolRefusesNewMessagesWithQuotaExceeded(@TempDir Path dir) throws Exception {
    authorizer.deny();
    start(TestConfigs.SPOOL.withDirectory(dir).withMaxMessages(3));
    UpstreamGateway.reached(gateway, LinkState.DENIED).get(20, TimeUnit.SECONDS);
    V5Device sensor = device(V5Device.connect(port(), "sensor-f"));
    for (int i = 0; i < 3; i++) {
      assertThat(sensor.publish("sensors/x", message(i)).getReasonCodes()).containsExactly(0);
    }

    IMqttToken refused = sensor.publish("sensors/x", message(3));

    assertThat(refused.getReasonCodes()).containsExactly(0x97);
    assertThat(gateway.spoolStats().orElseThrow().refusedFull()).isEqualTo(1);
  }

  @Test
  void stoppingDisconnectsFromIotCore(Vertx vertx) throws Exception {
    start(null, l -> l);
    V5Device sensor = device(V5Device.connect(port(), "sensor-s"));
    sensor.publish("sensors/x", "up", 1, false);
    arrived(1);
    assertThat(simulator.connectedClientIds()).contains(CLIENT_ID);

    Fixture.await(gateway.stop());
    gateway = null;

    // the gateway's DISCONNECT (or at least its socket closing) reaches IoT Core
    until(vertx, () -> !simulator.connectedClientIds().contains(CLIENT_ID));
  }

  /** Waits (at most 10 s) until {@code condition} holds, checking it on a timer. */
  private static void until(Vertx vertx, java.util.function.BooleanSupplier condition) throws Exception {
    CompletableFuture<Void> holds = new CompletableFuture<>();
    vertx.setPeriodic(1, 20, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        holds.complete(null);
      }
    });
    holds.get(10, TimeUnit.SECONDS);
  }

  @Test
  void messagesSpooledWhenTheGatewayStopsAreSentByTheNextGatewayOnTheSameSpool(@TempDir Path dir) throws Exception {
    authorizer.deny();
    SpoolConfig spool = TestConfigs.SPOOL.withDirectory(dir);
    start(spool);
    UpstreamGateway.reached(gateway, LinkState.DENIED).get(20, TimeUnit.SECONDS);
    V5Device sensor = V5Device.connect(port(), "sensor-w");
    for (int i = 0; i < 20; i++) {
      assertThat(sensor.publish("sensors/x", message(i)).getReasonCodes()).containsExactly(0);
    }
    sensor.close();
    Fixture.await(gateway.stop());
    gateway = null;
    assertThat(simulator.arrivals()).isEmpty();

    authorizer.allow("gw1", 86_400, 86_400, Policies.everything());
    start(spool);

    assertThat(payloads(arrived(20))).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
  }

  @Test
  void aCorruptSpoolIsMovedAsideAndTheGatewayStillStartsAndForwards(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("spool.db"), "this is not a database, ".repeat(200));

    start(TestConfigs.SPOOL.withDirectory(dir));
    V5Device sensor = device(V5Device.connect(port(), "sensor-c"));
    sensor.publish("sensors/x", "after", 1, false);

    assertThat(arrived(1)).singleElement().satisfies(a -> assertThat(a.payloadText()).isEqualTo("after"));
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.startsWith("spool.db.corrupt-"));
    }
  }

  private static MqttMessage message(int n) {
    MqttMessage m = new MqttMessage(Integer.toString(n).getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    return m;
  }
}
