package io.edgegateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.Gateway;
import io.edgegateway.authorizer.it.TestPool;
import io.edgegateway.config.CredentialsConfig;
import io.edgegateway.config.DownlinkRuleConfig;
import io.edgegateway.config.ForwardRuleConfig;
import io.edgegateway.config.Secret;
import io.edgegateway.config.UpstreamConfig;
import io.edgegateway.iotcore.Arrival;
import io.edgegateway.iotcore.Counter;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.SimulatorOptions;
import io.edgegateway.testing.V5Device;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;

/**
 * The whole chain as in production, with local stand-ins only where AWS would be: Paho devices, the
 * gateway, the device SDK over TLS, the IoT Core simulator, {@code authorizer.jar serve} (the Lambda
 * Invoke API) and cognito-local with a real user, in both credential modes.
 */
@ExtendWith(VertxExtension.class)
class FullChainTest {

  private static final String USER = "gateway-1";
  private static final String PASSWORD = TestPool.newPassword();
  private static final List<ForwardRuleConfig> FORWARD = List.of(
      new ForwardRuleConfig("sensors/#", "dt/gateway-1/${clientId}/${topic[1:]}", 1, null, 0));
  private static final List<DownlinkRuleConfig> DOWNLINK = List.of(
      new DownlinkRuleConfig("cmd/gateway-1/#", "commands/${topic[2:]}", 1, 0));

  private static AuthorizerChain chain;
  private static String appClient;

  private IotCoreSimulator simulator;
  private Gateway gateway;
  private V5Device device;

  @BeforeAll
  static void chain() throws Exception {
    // tokens live 5 minutes, Cognito's shortest
    chain = AuthorizerChain.start("full-chain", pool -> pool.client("edge-gateway", b -> b.idTokenValidity(5)
        .accessTokenValidity(5)
        .tokenValidityUnits(u -> u.idToken(TimeUnitsType.MINUTES).accessToken(TimeUnitsType.MINUTES))));
    appClient = chain.appClient;
    chain.pool.confirmedUser(USER, PASSWORD);
  }

  @AfterAll
  static void stopChain() throws Exception {
    if (chain != null) {
      chain.close();
    }
  }

  @BeforeEach
  void simulator(Vertx vertx) throws Exception {
    simulator = chain.simulator(vertx, 0);
  }

  @AfterEach
  void stop() throws Exception {
    if (device != null) {
      device.close();
    }
    if (gateway != null) {
      Fixture.await(gateway.stop());
    }
    Fixture.await(simulator.close());
  }

  private void start(CredentialsConfig credentials) throws Exception {
    UpstreamConfig upstream = UpstreamGateway.upstream(simulator, credentials, USER, 1, 10_000);
    gateway = UpstreamGateway.start(UpstreamGateway.config(upstream, null, FORWARD, DOWNLINK, l -> l.maxInflight(200)));
    device = V5Device.connect(gateway.port("lan"), "sensor-1");
  }

  private static MqttMessage message(int n) {
    MqttMessage m = new MqttMessage(Integer.toString(n).getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    return m;
  }

  private static CredentialsConfig token(Duration refreshBefore) {
    return new CredentialsConfig(CredentialsConfig.Mode.TOKEN, USER, new Secret("test", PASSWORD),
        new CredentialsConfig.CognitoConfig(SimulatorOptions.DEFAULT_REGION, appClient, null, chain.cognito.endpoint(), "id",
            refreshBefore));
  }

  @Test
  void passwordModeForwardsAndReceivesCommandsWithinTheUsersPolicy() throws Exception {
    start(UpstreamGateway.password(USER, PASSWORD));
    device.subscribe("commands/#", 1);

    IMqttToken ack = device.publish("sensors/temp", "21.5", 1, false);
    assertThat(ack.getReasonCodes()).containsExactly(0);
    assertThat(Fixture.await(simulator.awaitArrivals(a -> true, 1))).singleElement().satisfies(a -> {
      assertThat(a.topic()).isEqualTo("dt/gateway-1/sensor-1/temp");
      assertThat(a.principalId()).isNotBlank();
    });
    Fixture.await(simulator.publish("cmd/gateway-1/sensor-1/reboot", "now".getBytes(StandardCharsets.UTF_8), 1));
    assertThat(device.next().topic()).isEqualTo("commands/sensor-1/reboot");
    assertThat(chain.authorizer.log()).contains("\"decision\":\"allow\"").doesNotContain(PASSWORD);
  }

  @Test
  void aWrongCognitoPasswordIsDeniedByTheAuthorizer() throws Exception {
    start(UpstreamGateway.password(USER, "not-" + PASSWORD));

    LinkStatus denied = UpstreamGateway.reached(gateway, LinkState.DENIED).get(20, TimeUnit.SECONDS);

    assertThat(denied.lastError()).contains("the authorizer denied user " + USER);
    assertThat(simulator.count(Counter.AUTH_DENIED)).isEqualTo(1);
  }

  @Test
  void tokenModeWithAWrongPasswordIsRefusedByCognitoAndNeverReachesIotCore() throws Exception {
    start(new CredentialsConfig(CredentialsConfig.Mode.TOKEN, USER, new Secret("test", "not-" + PASSWORD),
        token(Duration.ofMinutes(1)).cognito()));

    LinkStatus denied = UpstreamGateway.reached(gateway, LinkState.DENIED).get(20, TimeUnit.SECONDS);

    assertThat(denied.lastError()).contains("Cognito refused user " + USER);
    assertThat(simulator.authorizerEvents()).isEmpty();
  }

  @Test
  void tokenModeSignsInRenewsTheTokenAndReconnectsWithoutLosingOrReorderingAMessage() throws Exception {
    // the tokens live 5 minutes: renewing 3 s after each sign-in exercises the renewal at once
    start(token(Duration.ofSeconds(300 - 3)));
    List<IMqttToken> acks = new ArrayList<>();
    int n = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    // keep up to 50 messages on their way upstream until the link has renewed its token and reconnected
    // twice, so that renewals happen with messages in flight
    while (simulator.connects(USER) < 3 && System.nanoTime() < deadline) {
      acks.add(device.client().publish("sensors/seq", message(n++)));
      if (n > 50) {
        Fixture.await(simulator.awaitArrivals(a -> true, n - 50));
      }
    }
    for (IMqttToken t : acks) {
      t.waitForCompletion(20_000);
    }
    Fixture.await(simulator.awaitArrivals(a -> true, n));

    assertThat(simulator.connects(USER)).isGreaterThanOrEqualTo(3);
    assertThat(acks).allSatisfy(t -> assertThat(t.getReasonCodes()).containsExactly(0));
    List<Integer> seen = simulator.arrivals().stream().map(Arrival::payloadText).map(Integer::parseInt).toList();
    // a renewal waits for what is in flight to be acknowledged before it disconnects: exactly once, in order
    assertThat(seen).hasSize(n).isSorted().doesNotHaveDuplicates();
    assertThat(simulator.authorizerEvents()).allSatisfy(e -> assertThat(e.encode()).doesNotContain(PASSWORD));
    assertThat(chain.authorizer.log()).doesNotContain(PASSWORD);
  }
}
