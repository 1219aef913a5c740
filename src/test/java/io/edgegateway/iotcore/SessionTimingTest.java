package io.edgegateway.iotcore;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.crt.mqtt5.packets.DisconnectPacket.DisconnectReasonCode;

/**
 * disconnectAfterInSeconds and refreshAfterInSeconds: by hand ({@code expire}, {@code refreshNow}) and on a
 * compressed clock. Reasons: 0xA0 maximum connect time, 0x87 not authorized after a denying refresh.
 */
@ExtendWith(VertxExtension.class)
class SessionTimingTest {
  private final FixedAuthorizer authorizer = FixedAuthorizer.allowing("dev1", Policies.everything());
  private IotCoreSimulator simulator;

  private void start(Vertx vertx, SimulatorOptions options) throws Exception {
    simulator = Fixture.start(vertx, options, Authorizers.single("gw-auth", authorizer));
  }

  @AfterEach
  void stop() throws Exception {
    Fixture.await(simulator.close());
  }

  @Test
  void expireDoesWhatDisconnectAfterDoes(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults());
    try (SdkDevice device = SdkDevice.connect(simulator, "gw", "gw-auth", "pw", "gw-1")) {
      device.awaitConnected();
      Fixture.await(simulator.expire("gw-1"));
      assertThat(device.awaitDisconnectPacket().getReasonCode()).isEqualTo(DisconnectReasonCode.MAXIMUM_CONNECT_TIME);
    }
    assertThat(simulator.count(Counter.EXPIRED)).isEqualTo(1);
  }

  @Test
  void disconnectAfterRunsOnTheScaledClock(Vertx vertx) throws Exception {
    // 300 authorizer seconds of 2 ms: the connection ends after about 0.6 s
    start(vertx, SimulatorOptions.defaults().withMillisPerAuthorizerSecond(2));
    authorizer.allow("dev1", 300, 86_400, Policies.everything());
    try (PahoDevice device = PahoDevice.connect(simulator, "short")) {
      assertThat(device.disconnectReason()).isEqualTo(0xA0);
    }
    assertThat(simulator.count(Counter.EXPIRED)).isEqualTo(1);
  }

  @Test
  void refreshAppliesTheNewPolicy(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults());
    try (PahoDevice device = PahoDevice.connect(simulator, "p1")) {
      assertThat(device.publish("dt/p1/a", "before", 1)).isZero();
      authorizer.allow("dev1", 86_400, 86_400, Policies.device("nothing", "nothing", "nothing"));
      assertThat(Fixture.await(simulator.refreshNow("p1"))).isTrue();
      assertThat(device.publish("dt/p1/a", "after", 1)).isEqualTo(0x87);
    }
    assertThat(authorizer.calls()).isEqualTo(2);
    assertThat(simulator.authorizerEvents()).hasSize(2);
    assertThat(simulator.authorizerEvents().get(1)).isEqualTo(simulator.authorizerEvents().get(0));
    assertThat(simulator.count(Counter.REFRESHED)).isEqualTo(1);
  }

  @Test
  void aRefreshThatDeniesDisconnects(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults());
    try (SdkDevice device = SdkDevice.connect(simulator, "gw", "gw-auth", "pw", "gw-1")) {
      device.awaitConnected();
      authorizer.deny();
      assertThat(Fixture.await(simulator.refreshNow("gw-1"))).isFalse();
      assertThat(device.awaitDisconnectPacket().getReasonCode()).isEqualTo(DisconnectReasonCode.NOT_AUTHORIZED);
    }
    assertThat(simulator.count(Counter.REFRESH_DENIED)).isEqualTo(1);
  }

  @Test
  void refreshRunsOnTheScaledClock(Vertx vertx) throws Exception {
    // refresh every 300 authorizer seconds of 1 ms; the second answer denies
    start(vertx, SimulatorOptions.defaults().withMillisPerAuthorizerSecond(1));
    authorizer.allow("dev1", 86_400, 300, Policies.everything());
    try (PahoDevice device = PahoDevice.connect(simulator, "r1")) {
      authorizer.deny();
      assertThat(device.disconnected.get(15, TimeUnit.SECONDS).getReturnCode()).isEqualTo(0x87);
    }
    assertThat(authorizer.calls()).isGreaterThanOrEqualTo(2);
    assertThat(simulator.count(Counter.REFRESH_DENIED)).isEqualTo(1);
  }
}
