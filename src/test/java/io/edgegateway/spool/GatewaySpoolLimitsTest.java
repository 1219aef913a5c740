package io.edgegateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.Gateway;
import io.edgegateway.config.ForwardRuleConfig;
import io.edgegateway.config.SpoolConfig;
import io.edgegateway.iotcore.Arrival;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.testing.Poll;
import io.edgegateway.testing.V3Device;
import io.edgegateway.testing.V5Device;
import io.edgegateway.upstream.LinkState;
import io.edgegateway.upstream.UpstreamGateway;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool's bounds seen from outside: Paho devices publish to the gateway while IoT Core (the simulator,
 * through the real device SDK over TLS) is unreachable, then IoT Core comes back. What the devices are
 * told, what the spool counts and what finally reaches IoT Core.
 */
@ExtendWith(VertxExtension.class)
class GatewaySpoolLimitsTest {

  private static final List<ForwardRuleConfig> FORWARD = List.of(
      new ForwardRuleConfig("sensors/#", "dt/${gatewayId}/${clientId}", 1, null, 0));
  private static final int QUOTA_EXCEEDED = 0x97;

  @TempDir
  Path dir;

  private Vertx vertx;
  private RestartableIotCore iotCore;
  private Gateway gateway;
  private final List<AutoCloseable> devices = new ArrayList<>();

  @BeforeEach
  void iotCore(Vertx vertx) throws Exception {
    this.vertx = vertx;
    iotCore = RestartableIotCore.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable d : devices) {
      d.close();
    }
    if (gateway != null) {
      Fixture.await(gateway.stop());
    }
    iotCore.close();
  }

  @Test
  void refuseNewAnswersQuotaExceededOnceFullAndSendsExactlyTheAcceptedMessagesWhenIotCoreReturns()
      throws Exception {
    start(new SpoolConfig(dir, 5, 256L << 20, Duration.ZERO, OverflowPolicy.REFUSE_NEW, Duration.ofMillis(100),
        Durability.FULL));
    cutLink();
    V5Device sensor = device(V5Device.connect(gateway.port("lan"), "sensor-r"));
    for (int i = 0; i < 5; i++) {
      assertThat(sensor.publish("sensors/x", Integer.toString(i), 1, false).getReasonCodes())
          .as("message %d, while the spool has room", i).containsExactly(0);
    }

    for (int i = 5; i < 8; i++) {
      assertThat(sensor.publish("sensors/x", Integer.toString(i), 1, false).getReasonCodes())
          .as("message %d, with the spool full", i).containsExactly(QUOTA_EXCEEDED);
    }
    // an MQTT 3.1.1 device cannot be told no: it is left unacknowledged and its connection closed
    V3Device old = device(V3Device.connect(gateway.port("lan"), "sensor-r3"));
    assertThatThrownBy(() -> old.publish("sensors/x", "v3", 1, false)).isInstanceOf(MqttException.class);
    assertThat(old.lost()).succeedsWithin(10, TimeUnit.SECONDS);

    SpoolStats full = gateway.spoolStats().orElseThrow();
    assertThat(full.messages()).isEqualTo(5);
    assertThat(full.refusedFull()).isEqualTo(4);
    assertThat(full.droppedOverflow()).isZero();

    restoreLink();
    Fixture.await(iotCore.simulator().awaitArrivals(a -> true, 5));
    Poll.until(vertx, Duration.ofSeconds(10), "the spool empties once IoT Core acknowledged the 5",
        () -> gateway.spoolStats().orElseThrow().messages() == 0);
    // with room again the spool takes new messages; one from the same device comes after anything older
    assertThat(sensor.publish("sensors/x", "after", 1, false).getReasonCodes()).containsExactly(0);
    arrivedUpTo("after");

    assertThat(payloads(iotCore.arrivals())).as("what IoT Core received")
        .containsExactly("0", "1", "2", "3", "4", "after");
  }

  @Test
  void dropOldestAcceptsEveryMessageDropsAndCountsTheOldestAndSendsTheNewestInOrder() throws Exception {
    start(new SpoolConfig(dir, 5, 256L << 20, Duration.ZERO, OverflowPolicy.DROP_OLDEST, Duration.ofMillis(100),
        Durability.FULL));
    cutLink();
    V5Device sensor = device(V5Device.connect(gateway.port("lan"), "sensor-d"));

    for (int i = 0; i < 12; i++) {
      assertThat(sensor.publish("sensors/x", Integer.toString(i), 1, false).getReasonCodes())
          .as("message %d", i).containsExactly(0);
    }

    SpoolStats full = gateway.spoolStats().orElseThrow();
    assertThat(full.messages()).isEqualTo(5);
    assertThat(full.droppedOverflow()).isEqualTo(7);
    assertThat(full.refusedFull()).isZero();

    restoreLink();
    arrivedUpTo("11");

    assertThat(payloads(iotCore.arrivals()))
        .as("what IoT Core received: the 5 newest, in order; the 7 dropped (and counted) must not be sent")
        .containsExactly("7", "8", "9", "10", "11");
  }

  @Test
  void expiredMessagesAreCountedAndNeverSentAndLaterOnesAreForwarded() throws Exception {
    start(new SpoolConfig(dir, 1000, 256L << 20, Duration.ofSeconds(1), OverflowPolicy.REFUSE_NEW,
        Duration.ofMillis(100), Durability.FULL));
    cutLink();
    V5Device sensor = device(V5Device.connect(gateway.port("lan"), "sensor-t"));
    for (int i = 0; i < 5; i++) {
      assertThat(sensor.publish("sensors/x", "old-" + i, 1, false).getReasonCodes()).containsExactly(0);
    }

    Poll.until(vertx, Duration.ofSeconds(15), "the 5 messages expire while IoT Core is unreachable",
        () -> gateway.spoolStats().orElseThrow().expired() == 5);
    assertThat(gateway.spoolStats().orElseThrow().messages()).isZero();

    restoreLink();
    List<String> later = IntStream.range(0, 3).mapToObj(i -> "new-" + i).toList();
    for (String payload : later) {
      assertThat(sensor.publish("sensors/x", payload, 1, false).getReasonCodes()).containsExactly(0);
    }
    arrivedUpTo("new-2");

    assertThat(payloads(iotCore.arrivals()))
        .as("what IoT Core received: the expired messages must not be sent after the link returns")
        .containsExactlyElementsOf(later);
  }

  private void start(SpoolConfig spool) throws Exception {
    gateway = UpstreamGateway.start(UpstreamGateway.config(iotCore.upstream(1, 10_000), null, FORWARD, List.of(),
        l -> l, spool));
    UpstreamGateway.reached(gateway, LinkState.CONNECTED).get(20, TimeUnit.SECONDS);
  }

  /** IoT Core goes away; returns once the gateway's link noticed. */
  private void cutLink() throws Exception {
    iotCore.stop();
    UpstreamGateway.reached(gateway, LinkState.RETRYING).get(20, TimeUnit.SECONDS);
  }

  /** IoT Core comes back on the same port; returns once the gateway's link is up again. */
  private void restoreLink() throws Exception {
    iotCore.restart();
    UpstreamGateway.reached(gateway, LinkState.CONNECTED).get(20, TimeUnit.SECONDS);
  }

  /**
   * Waits for the message with this payload to reach IoT Core. One device's messages keep their order
   * upstream, so whatever of that device was sent before it has arrived too.
   */
  private void arrivedUpTo(String payload) throws Exception {
    Fixture.await(iotCore.simulator().awaitArrivals(a -> a.payloadText().equals(payload), 1));
  }

  private static List<String> payloads(List<Arrival> arrivals) {
    return arrivals.stream().map(Arrival::payloadText).toList();
  }

  private <T extends AutoCloseable> T device(T d) {
    devices.add(d);
    return d;
  }
}
