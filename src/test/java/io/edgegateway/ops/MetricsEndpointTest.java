package io.edgegateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.Gateway;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.testing.Poll;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V3Device;
import io.edgegateway.testing.V5Device;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /metrics} of a real local-only gateway, scraped before and after Paho devices use it. */
@ExtendWith(VertxExtension.class)
class MetricsEndpointTest {

  private Gateway gateway;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      Fixture.await(gateway.stop());
    }
  }

  @Test
  void devicesAndTheirMessagesShowInTheScrape(Vertx vertx) throws Exception {
    gateway = Fixture.await(Gateway.start(OpsGateways.withOps(TestConfigs.anonymous())));
    OpsClient ops = OpsGateways.client(gateway);
    int port = gateway.port("lan");

    OpsClient.Answer first = ops.get("/metrics");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.contentType()).startsWith("text/plain; version=0.0.4");
    PrometheusText before = first.metrics();
    assertThat(before.value("edge_gateway_devices_connected")).isZero();
    assertThat(before.value("edge_gateway_device_messages_received_total")).isZero();
    assertThat(before.value("edge_gateway_info", "gateway_id", "test-gateway")).isEqualTo(1);

    try (V5Device listener = V5Device.connect(port, "listener"); V3Device sensor = V3Device.connect(port, "sensor")) {
      listener.subscribe("hello", 1);
      sensor.publish("hello", "world", 1, false); // returns once the gateway's PUBACK arrived
      assertThat(listener.next().payload()).isEqualTo("world");
      Poll.until(vertx, Duration.ofSeconds(10), "the delivery counted", () -> gateway.stats().messagesSent() == 1);

      PrometheusText during = ops.get("/metrics").metrics();
      assertThat(during.value("edge_gateway_devices_connected")).isEqualTo(2);
      assertThat(during.value("edge_gateway_device_connections_accepted_total")).isEqualTo(2);
      assertThat(during.value("edge_gateway_device_messages_received_total")).isEqualTo(1);
      assertThat(during.value("edge_gateway_device_messages_sent_total")).isEqualTo(1);
    }
    Poll.until(vertx, Duration.ofSeconds(10), "both devices gone", () -> gateway.stats().connectedDevices() == 0);
    assertThat(ops.get("/metrics").metrics().value("edge_gateway_devices_connected")).isZero();
  }

  @Test
  void refusalsAreCountedByReason() throws Exception {
    gateway = Fixture.await(Gateway.start(OpsGateways.withOps(TestConfigs.anonymous())));
    OpsClient ops = OpsGateways.client(gateway);

    try (V5Device tooLong = new V5Device("tcp://127.0.0.1:" + gateway.port("lan"), "x".repeat(200))) {
      tooLong.client().connect(V5Device.options()).waitForCompletion(10_000);
    } catch (MqttException refused) {
      assertThat(refused.getReasonCode()).isEqualTo(0x85); // client identifier not valid
    }

    PrometheusText metrics = ops.get("/metrics").metrics();
    assertThat(metrics.value("edge_gateway_device_connections_refused_total", "reason", "client_id_invalid"))
        .isEqualTo(1);
    assertThat(metrics.value("edge_gateway_device_connections_refused_total", "reason", "bad_credentials")).isZero();
    assertThat(metrics.value("edge_gateway_messages_dropped_total", "stage", "local", "reason", "queue_full")).isZero();
  }

  @Test
  void theJvmIsMeasuredToo() throws Exception {
    gateway = Fixture.await(Gateway.start(OpsGateways.withOps(TestConfigs.anonymous())));

    PrometheusText metrics = OpsGateways.client(gateway).get("/metrics").metrics();

    assertThat(metrics.matching("jvm_memory_used_bytes", "area", "heap")).isNotEmpty()
        .allSatisfy(s -> assertThat(s.value()).isGreaterThanOrEqualTo(0));
    assertThat(metrics.matching("jvm_memory_used_bytes", "area", "heap").stream().mapToDouble(s -> s.value()).sum())
        .isPositive();
    assertThat(metrics.value("jvm_threads_live_threads")).isPositive();
    assertThat(metrics.matching("jvm_gc_memory_allocated_bytes_total")).hasSize(1);
    assertThat(metrics.value("process_uptime_seconds")).isPositive();
  }
}
