package io.edgegateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.Gateway;
import io.edgegateway.config.AuthConfig;
import io.edgegateway.config.ConfigLoader;
import io.edgegateway.config.OpsHttpConfig;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.testing.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /health/live} and {@code /health/ready} of a real local-only gateway, and the listener's start. */
class HealthEndpointsTest {

  private Gateway gateway;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      Fixture.await(gateway.stop());
    }
  }

  @Test
  void liveSaysUpAndReadyListsEveryBoundListener() throws Exception {
    gateway = Fixture.await(Gateway.start(OpsGateways.withOps(TestConfigs.with(
        List.of(TestConfigs.tcp("lan", true), TestConfigs.tcp("lan2", true)), new AuthConfig(null, null)))));
    OpsClient ops = OpsGateways.client(gateway);

    OpsClient.Answer live = ops.get("/health/live");
    OpsClient.Answer ready = ops.get("/health/ready");

    assertThat(live.status()).isEqualTo(200);
    assertThat(live.contentType()).isEqualTo("application/json");
    assertThat(live.json().getString("status")).isEqualTo("up");
    assertThat(ready.status()).isEqualTo(200);
    JsonObject body = ready.json();
    assertThat(body.getString("status")).isEqualTo("ready");
    assertThat(body.getJsonArray("reasons")).isEmpty();
    JsonArray listeners = body.getJsonArray("listeners");
    assertThat(listeners).hasSize(2);
    assertThat(listeners.getJsonObject(0).getMap()).containsEntry("name", "lan").containsEntry("listening", true)
        .containsEntry("port", gateway.port("lan"));
    assertThat(listeners.getJsonObject(1).getMap()).containsEntry("name", "lan2")
        .containsEntry("port", gateway.port("lan2"));
    assertThat(body.getJsonObject("upstream").getBoolean("enabled")).isFalse();
    assertThat(body.containsKey("spool")).as("a local-only gateway has no spool").isFalse();
  }

  @Test
  void aStoppingGatewayIsNotReady() throws Exception {
    gateway = Fixture.await(Gateway.start(OpsGateways.withOps(TestConfigs.anonymous())));
    assertThat(gateway.readiness().ready()).isTrue();

    Gateway stopped = gateway;
    gateway = null;
    Future<Void> stopping = stopped.stop();
    // the phase turns at the call, before any part stops: a health check sees it before devices are let go
    Readiness during = stopped.readiness();
    Fixture.await(stopping);

    assertThat(during.ready()).isFalse();
    assertThat(during.reasons()).containsExactly("the gateway is stopping");
  }

  @Test
  void unknownPathsAndOtherMethodsAreRefused() throws Exception {
    gateway = Fixture.await(Gateway.start(OpsGateways.withOps(TestConfigs.anonymous())));
    OpsClient ops = OpsGateways.client(gateway);

    OpsClient.Answer missing = ops.get("/status/everything");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().getJsonArray("paths")).contains("/health/live", "/health/ready", "/metrics");
  }

  @Test
  void aPortInUseFailsTheStartNamingTheSettingAndAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      var config = TestConfigs.anonymous().withOps(new OpsHttpConfig(true, "127.0.0.1", taken.getLocalPort()));

      assertThatThrownBy(() -> Fixture.await(Gateway.start(config)))
          .hasMessageContaining("ops.http cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void disabledMeansNoListener() throws Exception {
    gateway = Fixture.await(Gateway.start(TestConfigs.anonymous()
        .withOps(new OpsHttpConfig(false, "127.0.0.1", 0))));

    assertThat(gateway.opsPort()).isEmpty();
    assertThat(gateway.readiness().ready()).isTrue();
  }

  @Test
  void theListenerBindsLoopbackOnlyByDefault() throws Exception {
    OpsHttpConfig defaults = ConfigLoader.parse("", "empty", Map.of()).ops().http();
    gateway = Fixture.await(Gateway.start(TestConfigs.anonymous().withOps(defaults.withPort(0))));
    int port = gateway.opsPort().orElseThrow();

    try (Socket loopback = new Socket(InetAddress.getLoopbackAddress(), port)) {
      assertThat(loopback.isConnected()).isTrue();
    }
    InetAddress external = firstNonLoopbackAddress();
    if (external != null) {
      assertThatThrownBy(() -> new Socket(external, port).close()).isInstanceOf(ConnectException.class);
    }
  }

  private static InetAddress firstNonLoopbackAddress() throws Exception {
    return NetworkInterface.networkInterfaces()
        .filter(i -> {
          try {
            return i.isUp() && !i.isLoopback();
          } catch (SocketException e) {
            return false;
          }
        })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address)
        .findFirst().orElse(null);
  }
}
