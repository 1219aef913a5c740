package io.edgegateway.ops;

import static io.edgegateway.upstream.UpstreamGateway.AUTHORIZER;
import static io.edgegateway.upstream.UpstreamGateway.CLIENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.Gateway;
import io.edgegateway.config.ForwardRuleConfig;
import io.edgegateway.iotcore.Authorizers;
import io.edgegateway.iotcore.FixedAuthorizer;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.Policies;
import io.edgegateway.iotcore.SimulatorOptions;
import io.edgegateway.testing.Poll;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V3Device;
import io.edgegateway.testing.V5Device;
import io.edgegateway.upstream.LinkState;
import io.edgegateway.upstream.UpstreamGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /status.json} and the page's files, from real gateways used by Paho devices. */
@ExtendWith(VertxExtension.class)
class StatusJsonTest {

  /** A client id a page must show as text: markup, an entity, quotes. */
  static final String ODD_CLIENT_ID = "<script>document.title='pwned'</script>&amp;\"q'<b>";

  private Gateway gateway;
  private IotCoreSimulator simulator;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      Fixture.await(gateway.stop());
    }
    if (simulator != null) {
      Fixture.await(simulator.close());
    }
  }

  @Test
  void aLocalOnlyGatewayCountsDevicesAndTheirMessagesAndReturnsClientIdsAsData(Vertx vertx) throws Exception {
    gateway = Fixture.await(Gateway.start(OpsGateways.withOps(TestConfigs.anonymous())));
    OpsClient ops = OpsGateways.client(gateway);

    JsonObject before = ops.get("/status.json").json();
    assertThat(before.getString("gatewayId")).isEqualTo("test-gateway");
    assertThat(before.getBoolean("ready")).isTrue();
    assertThat(before.getBoolean("localOnly")).isTrue();
    assertThat(before.containsKey("upstream")).isFalse();
    assertThat(before.containsKey("spool")).isFalse();
    assertThat(before.getJsonObject("devices").getInteger("connected")).isZero();
    assertThat(before.getJsonObject("devices").getJsonArray("list")).isEmpty();
    assertThat(total(before, "fromDevices")).isZero();

    try (V5Device odd = V5Device.connect(gateway.port("lan"), ODD_CLIENT_ID);
        V3Device plain = V3Device.connect(gateway.port("lan"), "plain-3")) {
      for (int i = 0; i < 3; i++) {
        odd.publish("hello/" + i, "m" + i, 1, false).waitForCompletion(10_000);
      }

      JsonObject during = ops.get("/status.json").json();
      JsonObject devices = during.getJsonObject("devices");
      assertThat(devices.getInteger("connected")).isEqualTo(2);
      assertThat(devices.getLong("accepted")).isEqualTo(2);
      JsonArray list = devices.getJsonArray("list");
      assertThat(list).hasSize(2);
      JsonObject first = list.getJsonObject(0);
      assertThat(first.getString("clientId")).as("sorted by client id, returned as given").isEqualTo(ODD_CLIENT_ID);
      assertThat(first.getString("protocol")).isEqualTo("MQTT 5");
      assertThat(first.getString("username")).isNull();
      assertThat(list.getJsonObject(1).getMap()).containsEntry("clientId", "plain-3")
          .containsEntry("protocol", "MQTT 3.1.1");
      assertThat(total(during, "fromDevices")).isEqualTo(3);
      assertThat(total(during, "dropped")).isZero();
      assertThat(during.getJsonObject("traffic").getJsonObject("series").containsKey("upstream")).isTrue();
      assertThat(total(during, "upstream")).as("nothing goes upstream from a local-only gateway").isZero();
    }
    Poll.until(vertx, Duration.ofSeconds(10), "both devices gone", () -> gateway.stats().connectedDevices() == 0);
    JsonObject after = ops.get("/status.json").json();
    assertThat(after.getJsonObject("devices").getJsonArray("list")).isEmpty();
    assertThat(after.getJsonObject("devices").getInteger("connected")).isZero();
  }

  @Test
  void theHistoryGrowsBySampleAndKeepsWhatWasCounted(Vertx vertx) throws Exception {
    gateway = Fixture.await(Gateway.start(OpsGateways.withOps(TestConfigs.anonymous())));
    OpsClient ops = OpsGateways.client(gateway);
    try (V5Device device = V5Device.connect(gateway.port("lan"), "counter")) {
      device.publish("a", "1", 1, false).waitForCompletion(10_000);
      device.publish("a", "2", 1, false).waitForCompletion(10_000);
    }
    JsonObject first = ops.get("/status.json").json();
    int points = first.getJsonObject("traffic").getJsonArray("ends").size();
    assertThat(points).as("at least the interval still filling").isGreaterThanOrEqualTo(1);
    assertThat(first.getJsonObject("traffic").getDouble("windowSeconds")).isEqualTo(900.0);

    Poll.until(vertx, Duration.ofSeconds(20), "the sampler recorded another sample",
        () -> status(ops).getJsonObject("traffic").getJsonArray("ends").size() > points);

    JsonObject later = ops.get("/status.json").json();
    assertThat(total(later, "fromDevices")).as("moved into a closed interval, still counted once").isEqualTo(2);
    JsonArray ends = later.getJsonObject("traffic").getJsonArray("ends");
    for (int i = 1; i < ends.size(); i++) {
      assertThat(ends.getLong(i)).isGreaterThanOrEqualTo(ends.getLong(i - 1));
    }
  }

  @Test
  void thePageAndItsFilesAreServedByTheGateway() throws Exception {
    gateway = Fixture.await(Gateway.start(OpsGateways.withOps(TestConfigs.anonymous())));
    OpsClient ops = OpsGateways.client(gateway);

    OpsClient.Answer page = ops.get("/");
    OpsClient.Answer script = ops.get("/status.js");
    OpsClient.Answer style = ops.get("/status.css");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(page.body()).contains("<script src=\"/status.js\"", "href=\"/status.css\"")
        .doesNotContain("http://", "https://");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.contentType()).startsWith("text/javascript");
    assertThat(script.body()).contains("/status.json").doesNotContain("innerHTML", "https://");
    assertThat(script.body().replace("http://www.w3.org/2000/svg", "")).as("only the SVG namespace")
        .doesNotContain("http://");
    assertThat(style.contentType()).startsWith("text/css");
    assertThat(style.body()).doesNotContain("@import", "url(");
    assertThat(ops.get("/metrics").body()).as("the old endpoints are still there").contains("edge_gateway_info");
  }

  @Test
  void anUpstreamGatewayShowsItsConnectionSpoolAndWhatWentUpstream(Vertx vertx) throws Exception {
    FixedAuthorizer authorizer = FixedAuthorizer.allowing("gw1", Policies.everything());
    simulator = Fixture.start(vertx, SimulatorOptions.defaults(), Authorizers.single(AUTHORIZER, authorizer));
    gateway = UpstreamGateway.start(OpsGateways.withOps(UpstreamGateway.config(
        UpstreamGateway.upstream(simulator, UpstreamGateway.password("gw1", "pw-1")), null,
        List.of(new ForwardRuleConfig("sensors/#", "dt/${gatewayId}/${clientId}", 1, null, 0)), List.of(),
        l -> l)));
    UpstreamGateway.reached(gateway, LinkState.CONNECTED).get(20, TimeUnit.SECONDS);
    OpsClient ops = OpsGateways.client(gateway);

    JsonObject before = ops.get("/status.json").json();
    assertThat(before.getBoolean("localOnly")).isFalse();
    JsonObject connection = before.getJsonObject("upstream").getJsonArray("connections").getJsonObject(0);
    assertThat(connection.getString("clientId")).isEqualTo(CLIENT_ID);
    assertThat(connection.getString("state")).isEqualTo("connected");
    assertThat(connection.getLong("reconnects")).isZero();
    assertThat(before.getJsonObject("spool").getLong("messages")).isZero();
    assertThat(before.getJsonObject("spool").getBoolean("storageFailing")).isFalse();
    assertThat(total(before, "upstream")).isZero();

    try (V5Device sensor = V5Device.connect(gateway.port("lan"), "sensor-1")) {
      sensor.publish("sensors/kitchen", "21.5", 1, false).waitForCompletion(10_000);
      sensor.publish("sensors/hall", "19.0", 1, false).waitForCompletion(10_000);
      Fixture.await(simulator.awaitArrivals(a -> true, 2));
      Poll.until(vertx, Duration.ofSeconds(10), "IoT Core's acknowledgements reached the spool",
          () -> gateway.spoolStats().orElseThrow().deleted() == 2);

      JsonObject after = ops.get("/status.json").json();
      assertThat(after.getJsonObject("devices").getInteger("connected")).isEqualTo(1);
      assertThat(total(after, "fromDevices")).isEqualTo(2);
      assertThat(total(after, "upstream")).isEqualTo(2);
      assertThat(after.getJsonObject("spool").getLong("messages")).isZero();
      assertThat(after.getJsonObject("spool").getJsonObject("drops").getLong("refusedFull")).isZero();
    }
  }

  private static JsonObject status(OpsClient ops) {
    try {
      return ops.get("/status.json").json();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static long total(JsonObject status, String series) {
    JsonArray counts = status.getJsonObject("traffic").getJsonObject("series").getJsonArray(series);
    long sum = 0;
    for (int i = 0; i < counts.size(); i++) {
      sum += counts.getLong(i);
    }
    return sum;
  }
}
