package io.edgegateway.ops;

import static io.edgegateway.upstream.UpstreamGateway.AUTHORIZER;
import static io.edgegateway.upstream.UpstreamGateway.CLIENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.Gateway;
import io.edgegateway.config.DownlinkRuleConfig;
import io.edgegateway.config.ForwardRuleConfig;
import io.edgegateway.config.SpoolConfig;
import io.edgegateway.iotcore.Authorizers;
import io.edgegateway.iotcore.FixedAuthorizer;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.Policies;
import io.edgegateway.iotcore.SimulatorOptions;
import io.edgegateway.testing.Poll;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V5Device;
import io.edgegateway.upstream.LinkState;
import io.edgegateway.upstream.LinkStatus;
import io.edgegateway.upstream.UpstreamGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health and metrics of a gateway with an upstream: the IoT Core simulator, the real device SDK over TLS,
 * a fixed authorizer answer, Paho devices.
 */
@ExtendWith(VertxExtension.class)
class UpstreamMetricsTest {

  private static final List<ForwardRuleConfig> FORWARD = List.of(
      new ForwardRuleConfig("sensors/#", "dt/${gatewayId}/${clientId}", 1, null, 0));
  private static final List<DownlinkRuleConfig> DOWNLINK = List.of(
      new DownlinkRuleConfig("cmd/${gatewayId}/#", "commands/${topic[2:]}", 1, 0));

  private IotCoreSimulator simulator;
  private FixedAuthorizer authorizer;
  private Gateway gateway;
  private V5Device sensor;

  @BeforeEach
  void simulator(Vertx vertx) throws Exception {
    authorizer = FixedAuthorizer.allowing("gw1", Policies.everything());
    simulator = Fixture.start(vertx, SimulatorOptions.defaults(), Authorizers.single(AUTHORIZER, authorizer));
  }

  @AfterEach
  void stop() throws Exception {
    if (sensor != null) {
      sensor.close();
    }
    if (gateway != null) {
      Fixture.await(gateway.stop());
    }
    Fixture.await(simulator.close());
  }

  @Test
  void aForwardedMessageIsCountedByRuleThroughTheSpoolAndTheLinkReconnectsAreCounted(Vertx vertx)
      throws Exception {
    start(null);
    UpstreamGateway.reached(gateway, LinkState.CONNECTED).get(20, TimeUnit.SECONDS);
    OpsClient ops = OpsGateways.client(gateway);

    OpsClient.Answer ready = ops.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    JsonObject connection = ready.json().getJsonObject("upstream").getJsonArray("connections").getJsonObject(0);
    assertThat(connection.getString("clientId")).isEqualTo(CLIENT_ID);
    assertThat(connection.getString("state")).isEqualTo("CONNECTED");
    assertThat(ready.json().getJsonObject("spool").getBoolean("storageFailing")).isFalse();
    PrometheusText before = ops.get("/metrics").metrics();
    assertThat(before.value("edge_gateway_rule_messages_total", "direction", "upstream", "rule", "0", "filter",
        "sensors/#")).isZero();

    sensor = V5Device.connect(gateway.port("lan"), "sensor-1");
    assertThat(sensor.publish("sensors/kitchen", "21.5", 1, false).getReasonCodes()).containsExactly(0);
    Fixture.await(simulator.awaitArrivals(a -> true, 1));
    Poll.until(vertx, Duration.ofSeconds(10), "IoT Core's acknowledgement reached the spool",
        () -> gateway.spoolStats().orElseThrow().deleted() == 1);

    PrometheusText after = ops.get("/metrics").metrics();
    assertThat(after.value("edge_gateway_rule_messages_total", "direction", "upstream", "rule", "0")).isEqualTo(1);
    assertThat(after.value("edge_gateway_rule_messages_total", "direction", "downlink", "rule", "0", "filter",
        "cmd/${gatewayId}/#")).isZero();
    assertThat(after.value("edge_gateway_spool_appended_messages_total")).isEqualTo(1);
    assertThat(after.value("edge_gateway_spool_acknowledged_messages_total")).isEqualTo(1);
    assertThat(after.value("edge_gateway_spool_messages")).isZero();
    assertThat(after.value("edge_gateway_spool_commit_latency_seconds_count")).isEqualTo(1);
    assertThat(after.value("edge_gateway_upstream_state", "connection", CLIENT_ID, "state", "connected"))
        .isEqualTo(1);
    assertThat(after.value("edge_gateway_upstream_state", "connection", CLIENT_ID, "state", "retrying")).isZero();
    assertThat(after.value("edge_gateway_upstream_connects_total", "connection", CLIENT_ID)).isEqualTo(1);
    assertThat(after.value("edge_gateway_upstream_reconnects_total", "connection", CLIENT_ID)).isZero();
    assertThat(after.matching("edge_gateway_upstream_quota_wait_seconds_count", "connection", CLIENT_ID))
        .hasSize(1);

    CompletableFuture<LinkStatus> back = new CompletableFuture<>();
    gateway.onUpstreamStateChange(s -> {
      if (s.state() == LinkState.CONNECTED) {
        back.complete(s);
      }
    });
    Fixture.await(simulator.expire(CLIENT_ID));
    back.get(20, TimeUnit.SECONDS);

    assertThat(ops.get("/metrics").metrics().value("edge_gateway_upstream_reconnects_total", "connection",
        CLIENT_ID)).isEqualTo(1);
  }

  @Test
  void aDeniedLinkIsShownAndCountedWhileTheGatewayStaysReadyAndSpools(@TempDir Path dir) throws Exception {
    authorizer.deny();
    start(TestConfigs.SPOOL.withDirectory(dir).withMaxMessages(1));
    UpstreamGateway.reached(gateway, LinkState.DENIED).get(20, TimeUnit.SECONDS);
    OpsClient ops = OpsGateways.client(gateway);
    sensor = V5Device.connect(gateway.port("lan"), "sensor-2");
    assertThat(sensor.publish("sensors/a", "1", 1, false).getReasonCodes()).containsExactly(0);
    assertThat(sensor.publish("sensors/a", "2", 1, false).getReasonCodes()).containsExactly(0x97);
    try (V5Device slashed = V5Device.connect(gateway.port("lan"), "bad/id")) {
      // its client id cannot stand in one level of the upstream topic
      assertThat(slashed.publish("sensors/a", "3", 1, false).getReasonCodes()).containsExactly(0x90);
    }

    OpsClient.Answer ready = ops.get("/health/ready");
    PrometheusText metrics = ops.get("/metrics").metrics();

    assertThat(ready.status()).as("an outage is what the spool is for").isEqualTo(200);
    JsonObject connection = ready.json().getJsonObject("upstream").getJsonArray("connections").getJsonObject(0);
    assertThat(connection.getString("state")).isEqualTo("DENIED");
    assertThat(connection.getString("lastError")).contains("the authorizer denied user gw1");
    assertThat(ready.json().getJsonObject("spool").getLong("messages")).isEqualTo(1);
    assertThat(metrics.value("edge_gateway_upstream_state", "connection", CLIENT_ID, "state", "denied")).isEqualTo(1);
    assertThat(metrics.value("edge_gateway_upstream_state", "connection", CLIENT_ID, "state", "connected")).isZero();
    assertThat(metrics.value("edge_gateway_upstream_authorizer_denials_total", "connection", CLIENT_ID))
        .isEqualTo(1);
    assertThat(metrics.value("edge_gateway_spool_messages")).isEqualTo(1);
    assertThat(metrics.value("edge_gateway_spool_bytes")).isPositive();
    assertThat(metrics.value("edge_gateway_spool_oldest_age_seconds")).isGreaterThanOrEqualTo(0);
    assertThat(metrics.value("edge_gateway_messages_refused_total", "stage", "spool", "reason", "full"))
        .isEqualTo(1);
    assertThat(metrics.value("edge_gateway_messages_refused_total", "stage", "upstream", "reason", "queue_full"))
        .isZero();
    assertThat(metrics.matching("edge_gateway_messages_refused_total", "stage", "upstream", "reason", "iot_core"))
        .as("what IoT Core refuses for good after the spool took it has its series").hasSize(1);
    assertThat(metrics.value("edge_gateway_messages_refused_total", "stage", "route", "reason", "0x90"))
        .as("a reason first seen at run time gets its series").isEqualTo(1);
  }

  private void start(SpoolConfig spool) throws Exception {
    var upstream = UpstreamGateway.upstream(simulator, UpstreamGateway.password("gw1", "pw-1"));
    var config = spool == null
        ? UpstreamGateway.config(upstream, null, FORWARD, DOWNLINK, l -> l)
        : UpstreamGateway.config(upstream, null, FORWARD, DOWNLINK, l -> l, spool);
    gateway = UpstreamGateway.start(OpsGateways.withOps(config));
  }
}
