package io.edgegateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.Gateway;
import io.edgegateway.config.ForwardRuleConfig;
import io.edgegateway.iotcore.Arrival;
import io.edgegateway.iotcore.Counter;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.Quotas;
import io.edgegateway.iotcore.SimulatorOptions;
import io.edgegateway.testing.Poll;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V5Device;
import io.edgegateway.upstream.LinkState;
import io.edgegateway.upstream.UpstreamGateway;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device's messages reach IoT Core in the order it published them, also when IoT Core refuses some of
 * them for a while (PUBACK 0x97, as it answers a publish over a quota).
 */
@ExtendWith(VertxExtension.class)
class GatewaySpoolOrderTest {

  private static final List<ForwardRuleConfig> FORWARD = List.of(
      new ForwardRuleConfig("sensors/#", "dt/${gatewayId}/${clientId}", 1, null, 0));

  @TempDir
  Path dir;

  private RestartableIotCore iotCore;
  private Gateway gateway;
  private V5Device sensor;

  @AfterEach
  void stop() throws Exception {
    if (sensor != null) {
      sensor.close();
    }
    if (gateway != null) {
      Fixture.await(gateway.stop());
    }
    iotCore.close();
  }

  @Test
  void messagesIotCoreThrottlesAreSentAgainWithoutBeingOvertakenByLaterOnes(Vertx vertx) throws Exception {
    // IoT Core takes 50 publishes a second from the connection while the gateway keeps to 100: it throttles
    // some of every second's publishes, as it does when its quota is shared or lower than configured
    iotCore = RestartableIotCore.start(vertx, SimulatorOptions.defaults()
        .withQuotas(Quotas.iotCore().withPublishesPerSecond(50)));
    gateway = UpstreamGateway.start(UpstreamGateway.config(iotCore.upstream(1, 10_000), null, FORWARD, List.of(),
        l -> l.maxInflight(500), TestConfigs.SPOOL.withDirectory(dir)));
    UpstreamGateway.reached(gateway, LinkState.CONNECTED).get(20, TimeUnit.SECONDS);
    // a backlog: 300 messages spooled while IoT Core is away, sent at the gateway's pace once it is back
    iotCore.stop();
    UpstreamGateway.reached(gateway, LinkState.RETRYING).get(20, TimeUnit.SECONDS);
    sensor = V5Device.connect(gateway.port("lan"), "sensor-o");
    int total = 300;
    List<IMqttToken> acks = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      MqttMessage m = new MqttMessage(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      m.setQos(1);
      acks.add(sensor.client().publish("sensors/x", m));
    }
    for (IMqttToken t : acks) {
      t.waitForCompletion(20_000);
      assertThat(t.getReasonCodes()).containsExactly(0);
    }

    iotCore.restart();
    Poll.until(vertx, Duration.ofSeconds(60), "all " + total + " messages reach IoT Core",
        () -> iotCore.arrivals().stream().map(Arrival::payloadText).distinct().count() == total);

    assertThat(iotCore.simulator().count(Counter.THROTTLED)).as("publishes IoT Core throttled").isPositive();
    Set<Integer> firstArrivals = new LinkedHashSet<>();
    iotCore.arrivals().forEach(a -> firstArrivals.add(Integer.parseInt(a.payloadText())));
    assertThat(ranges(firstArrivals)).as("the messages in the order they first reached IoT Core")
        .containsExactly("0-" + (total - 1));
  }

  /** Consecutive numbers as ranges: 0, 1, 2, 7, 8, 3 is "0-2", "7-8", "3-3". */
  private static List<String> ranges(Iterable<Integer> numbers) {
    List<String> ranges = new ArrayList<>();
    Integer start = null;
    Integer previous = null;
    for (int n : numbers) {
      if (previous != null && n != previous + 1) {
        ranges.add(start + "-" + previous);
        start = null;
      }
      if (start == null) {
        start = n;
      }
      previous = n;
    }
    if (start != null) {
      ranges.add(start + "-" + previous);
    }
    return ranges;
  }
}
