package io.edgegateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.Gateway;
import io.edgegateway.authorizer.it.TestPool;
import io.edgegateway.config.CredentialsConfig;
import io.edgegateway.config.DownlinkRuleConfig;
import io.edgegateway.config.ForwardRuleConfig;
import io.edgegateway.config.GatewayConfig;
import io.edgegateway.config.UpstreamConfig;
import io.edgegateway.iotcore.Arrival;
import io.edgegateway.iotcore.Counter;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.SimulatorOptions;
import io.edgegateway.local.access.UpstreamAdmission;
import io.edgegateway.testing.Poll;
import io.edgegateway.testing.V5Device;
import io.edgegateway.upstream.device.DeviceVerifiers;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-device identity end to end, as in production with local stand-ins where AWS would be: Paho devices
 * signing in with their own Cognito users, the gateway, the device SDK over TLS, the IoT Core simulator,
 * {@code authorizer.jar serve} with its default policy (client id, publish and receive scoped to the
 * username) and cognito-local.
 */
@ExtendWith(VertxExtension.class)
class PerDeviceIdentityTest {

  private static final String PASSWORD_A = TestPool.newPassword();
  private static final String PASSWORD_B = TestPool.newPassword();
  private static final List<ForwardRuleConfig> FORWARD = List.of(
      new ForwardRuleConfig("sensors/#", "dt/${username}/${topic[1:]}", 1, null, 0),
      // lets a device name another device's topic: IoT Core's policy, not the gateway, must stop it
      new ForwardRuleConfig("as/+/#", "dt/${topic[1]}/${topic[2:]}", 1, null, 0));
  private static final List<DownlinkRuleConfig> DOWNLINK = List.of(
      new DownlinkRuleConfig("cmd/${username}/#", "commands/${topic[2:]}", 1, 0));

  private static AuthorizerChain chain;
  private static TestPool pool;
  private static String appClient;

  private final List<V5Device> devices = new ArrayList<>();
  private IotCoreSimulator simulator;
  private Gateway gateway;
  private Path spool;

  @BeforeAll
  static void chain() throws Exception {
    chain = AuthorizerChain.start("per-device", p -> p.client("devices"));
    pool = chain.pool;
    appClient = chain.appClient;
    pool.confirmedUser("dev-a", PASSWORD_A);
    pool.confirmedUser("dev-b", PASSWORD_B);
  }

  @AfterAll
  static void stopChain() throws Exception {
    if (chain != null) {
      chain.close();
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (V5Device d : devices) {
      d.close();
    }
    if (gateway != null) {
      Fixture.await(gateway.stop());
    }
    if (simulator != null) {
      Fixture.await(simulator.close());
    }
  }

  private IotCoreSimulator startSimulator(Vertx vertx, int port) throws Exception {
    return chain.simulator(vertx, port);
  }

  private void startGateway(CredentialsConfig credentials, UpstreamConfig.DevicesConfig devicesConfig)
      throws Exception {
    UpstreamConfig base = UpstreamGateway.upstream(simulator, credentials, "unused", 1, 10_000);
    UpstreamConfig upstream = new UpstreamConfig(base.endpoint(), base.port(), base.caFile(), base.authorizerName(),
        null, 1, base.keepAlive(), base.maxQueuedMessages(), credentials, base.quota(), base.reconnect(),
        UpstreamConfig.Identity.DEVICE, devicesConfig);
    spool = Files.createTempDirectory(Files.createDirectories(Path.of("target", "spools")), "per-device");
    GatewayConfig config = UpstreamGateway.config(upstream, null, FORWARD, DOWNLINK, l -> l,
        io.edgegateway.testing.TestConfigs.SPOOL.withDirectory(spool));
    gateway = UpstreamGateway.start(config);
  }

  private static CredentialsConfig passwordMode() {
    return new CredentialsConfig(CredentialsConfig.Mode.PASSWORD, null, null, null);
  }

  private static CredentialsConfig tokenMode() {
    return new CredentialsConfig(CredentialsConfig.Mode.TOKEN, null, null,
        new CredentialsConfig.CognitoConfig(SimulatorOptions.DEFAULT_REGION, appClient, null, chain.cognito.endpoint(), "id",
            Duration.ofMinutes(5)));
  }

  private static UpstreamConfig.DevicesConfig devicesConfig(int connectsPerSecond) {
    return new UpstreamConfig.DevicesConfig(500, connectsPerSecond, 20, Duration.ofSeconds(10), Duration.ofDays(1));
  }

  private V5Device device(String clientId, String username, String password) throws MqttException {
    MqttConnectionOptions o = V5Device.options();
    o.setUserName(username);
    o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    V5Device d = V5Device.connect("tcp://127.0.0.1:" + gateway.port("lan"), clientId, o);
    devices.add(d);
    return d;
  }

  private static int refusal(ThrowingConnect connect) {
    try {
      connect.run();
    } catch (MqttException e) {
      return e.getReasonCode();
    }
    throw new AssertionError("the device was admitted");
  }

  @FunctionalInterface
  private interface ThrowingConnect {
    void run() throws MqttException;
  }

  @Test
  void twoDevicesReachIotCoreAsThemselvesAndNeitherCanPublishIntoTheOthersTopics(Vertx vertx) throws Exception {
    simulator = startSimulator(vertx, 0);
    startGateway(passwordMode(), devicesConfig(50));
    V5Device a = device("dev-a", "dev-a", PASSWORD_A);
    V5Device b = device("dev-b", "dev-b", PASSWORD_B);
    a.subscribe("commands/#", 1);
    b.subscribe("commands/#", 1);

    assertThat(a.publish("sensors/temp", "a-1", 1, false).getReasonCodes()).containsExactly(0);
    assertThat(b.publish("sensors/temp", "b-1", 1, false).getReasonCodes()).containsExactly(0);
    // accepted by the gateway (it is on disk), refused by IoT Core: dev-a's policy allows only dt/dev-a/*
    assertThat(a.publish("as/dev-b/temp", "forged", 1, false).getReasonCodes()).containsExactly(0);
    assertThat(a.publish("sensors/temp", "a-2", 1, false).getReasonCodes()).containsExactly(0);

    List<Arrival> arrived = Fixture.await(simulator.awaitArrivals(x -> true, 3));
    Poll.until(vertx, Duration.ofSeconds(10), "IoT Core refused the forged publish, and the gateway counted it",
        () -> simulator.count(Counter.POLICY_REFUSED_PUBLISH) == 1 && gateway.upstreamRefusedByIotCore() == 1);
    assertThat(simulator.arrivals()).extracting(x -> x.clientId() + " " + x.topic() + " " + x.payloadText())
        .containsExactlyInAnyOrder("dev-a dt/dev-a/temp a-1", "dev-b dt/dev-b/temp b-1", "dev-a dt/dev-a/temp a-2");
    assertThat(arrived).allSatisfy(x -> assertThat(x.principalId()).isNotBlank());
    assertThat(simulator.connectedClientIds()).contains("dev-a", "dev-b");
    assertThat(gateway.deviceConnections()).containsEntry(LinkState.CONNECTED, 2);
    assertThat(gateway.deviceAdmissions(UpstreamAdmission.Verdict.ONLINE)).isEqualTo(2);

    // a command to dev-a reaches dev-a alone, though both subscribe to commands/#
    Fixture.await(simulator.publish("cmd/dev-a/reboot", "now".getBytes(StandardCharsets.UTF_8), 1));
    assertThat(a.next().topic()).isEqualTo("commands/reboot");
    Fixture.await(simulator.publish("cmd/dev-b/reboot", "later".getBytes(StandardCharsets.UTF_8), 1));
    V5Device.Received toB = b.next();
    assertThat(toB.payload()).isEqualTo("later");
    assertThat(a.received()).isEmpty();
    assertThat(chain.authorizer.log()).doesNotContain(PASSWORD_A).doesNotContain(PASSWORD_B);
  }

  @Test
  void aWrongPasswordIsRefusedAtTheGatewayWithAReasonCode(Vertx vertx) throws Exception {
    simulator = startSimulator(vertx, 0);
    startGateway(passwordMode(), devicesConfig(50));

    // password mode: the authorizer refuses it, and IoT Core answers "not authorized"
    assertThat(refusal(() -> device("dev-a", "dev-a", "not-" + PASSWORD_A))).isEqualTo(0x87);
    assertThat(simulator.count(Counter.AUTH_DENIED)).isEqualTo(1);
    assertThat(gateway.deviceAdmissions(UpstreamAdmission.Verdict.NOT_AUTHORIZED)).isEqualTo(1);
    // its connection was closed at once, not left retrying
    assertThat(gateway.deviceConnections().values()).allMatch(n -> n == 0);
    // the right one still gets in
    device("dev-a", "dev-a", PASSWORD_A);
  }

  @Test
  void tokenModeRefusesAWrongPasswordAsBadCredentialsWithoutReachingIotCore(Vertx vertx) throws Exception {
    simulator = startSimulator(vertx, 0);
    startGateway(tokenMode(), devicesConfig(50));

    assertThat(refusal(() -> device("dev-b", "dev-b", "not-" + PASSWORD_B))).isEqualTo(0x86);
    assertThat(simulator.connectsReceived()).isZero();

    V5Device b = device("dev-b", "dev-b", PASSWORD_B);
    assertThat(b.publish("sensors/hum", "40", 1, false).getReasonCodes()).containsExactly(0);
    assertThat(Fixture.await(simulator.awaitArrivals(x -> true, 1))).singleElement()
        .satisfies(x -> assertThat(x.clientId() + " " + x.topic()).isEqualTo("dev-b dt/dev-b/hum"));
  }

  @Test
  void offlineADeviceAcceptedBeforeIsAdmittedOnItsVerifierAndANewOneIsRefused(Vertx vertx) throws Exception {
    simulator = startSimulator(vertx, 0);
    int port = simulator.port();
    startGateway(passwordMode(), devicesConfig(50));
    V5Device a = device("dev-a", "dev-a", PASSWORD_A);
    Path verifiers = spool.resolve(DeviceVerifiers.FILE_NAME);
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of dev-a is written", () -> Files.exists(verifiers));
    a.close();
    devices.remove(a);
    Fixture.await(simulator.close());
    simulator = null;

    V5Device back = device("dev-a", "dev-a", PASSWORD_A);
    IMqttToken ack = back.publish("sensors/temp", "while-offline", 1, false);
    assertThat(ack.getReasonCodes()).containsExactly(0);
    // never accepted upstream: refused while IoT Core cannot be reached
    assertThat(refusal(() -> device("dev-b", "dev-b", PASSWORD_B))).isEqualTo(0x88);
    // a wrong password does not match the verifier
    assertThat(refusal(() -> device("dev-a2", "dev-a", "not-" + PASSWORD_A))).isEqualTo(0x88);
    assertThat(Files.readString(verifiers)).doesNotContain(PASSWORD_A);

    simulator = startSimulator(vertx, port);
    List<Arrival> arrived = Fixture.await(simulator.awaitArrivals(x -> true, 1));
    assertThat(arrived).singleElement().satisfies(x -> {
      assertThat(x.clientId()).isEqualTo("dev-a");
      assertThat(x.topic()).isEqualTo("dt/dev-a/temp");
      assertThat(x.payloadText()).isEqualTo("while-offline");
    });
  }

  @Test
  void twoHundredDevicesReconnectingAtOnceStayWithinThePacingAndAllGetIn(Vertx vertx) throws Exception {
    int count = 200;
    // the gateway paces CONNECTs at 20 per second; the simulator is asked to see at most 40 in any second,
    // an account limit with room for the delivery jitter of one machine running every part
    int paced = 20;
    int accountLimit = 40;
    String password = TestPool.newPassword();
    // cognito-local answers one call at a time, but the calls overlap their round trips
    List<Callable<String>> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "storm-" + i;
      users.add(() -> pool.confirmedUser(name, password));
    }
    inParallel(users);
    simulator = startSimulator(vertx, 0);
    startGateway(passwordMode(), devicesConfig(paced));
    device("dev-a", "dev-a", PASSWORD_A).close();

    // a power cut: every device comes back at once, twice (the second time right after the first)
    for (int round = 0; round < 2; round++) {
      List<V5Device> storm = new ArrayList<>();
      List<IMqttToken> connects = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        V5Device d = new V5Device("tcp://127.0.0.1:" + gateway.port("lan"), "storm-" + i);
        MqttConnectionOptions o = V5Device.options();
        o.setConnectionTimeout(60);
        o.setUserName("storm-" + i);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        storm.add(d);
        connects.add(d.client().connect(o));
      }
      for (int i = 0; i < count; i++) {
        connects.get(i).waitForCompletion(90_000);
        assertThat(storm.get(i).client().isConnected()).as("storm-" + i + " connected").isTrue();
      }
      // Paho takes about 100 ms to hand over each DISCONNECT: many threads make it "at once"
      inParallel(storm.stream().map(d -> (Callable<Void>) () -> {
        d.close();
        return null;
      }).toList());
    }

    assertThat(simulator.connectsReceived()).isGreaterThan(count);
    assertThat(simulator.maxConnectsInAnySecond()).isLessThanOrEqualTo(accountLimit);
    assertThat(simulator.minMillisBetweenConnectsOfOneClientId()).isGreaterThanOrEqualTo(1000);
    assertThat(simulator.count(Counter.CONNECT_THROTTLED)).isZero();
  }

  private static <T> void inParallel(List<Callable<T>> tasks) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try {
      for (Future<T> done : threads.invokeAll(tasks)) {
        done.get();
      }
    } finally {
      threads.shutdown();
    }
  }
}
