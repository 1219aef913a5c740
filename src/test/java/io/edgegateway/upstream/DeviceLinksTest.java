package io.edgegateway.upstream;

import static io.edgegateway.upstream.UpstreamGateway.AUTHORIZER;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.Gateway;
import io.edgegateway.config.CredentialsConfig;
import io.edgegateway.config.DownlinkRuleConfig;
import io.edgegateway.config.ForwardRuleConfig;
import io.edgegateway.config.GatewayConfig;
import io.edgegateway.config.UpstreamConfig;
import io.edgegateway.iotcore.Arrival;
import io.edgegateway.iotcore.Authorizer;
import io.edgegateway.iotcore.Authorizers;
import io.edgegateway.iotcore.Counter;
import io.edgegateway.iotcore.FixedAuthorizer;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.Policies;
import io.edgegateway.iotcore.SimulatorOptions;
import io.edgegateway.local.access.UpstreamAdmission;
import io.edgegateway.testing.Poll;
import io.edgegateway.testing.V3Device;
import io.edgegateway.testing.V5Device;
import io.edgegateway.upstream.device.DeviceVerifiers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The devices' own connections ({@code upstream.identity: device}) against the IoT Core simulator over TLS,
 * with Paho devices and a spool on disk, and an authorizer in the test that knows each user's password and
 * answers with a policy scoped to the user: fast, without Cognito.
 */
@ExtendWith(VertxExtension.class)
class DeviceLinksTest {

  private static final List<ForwardRuleConfig> FORWARD = List.of(
      new ForwardRuleConfig("sensors/#", "dt/${username}/${topic[1:]}", 1, null, 0));
  private static final List<DownlinkRuleConfig> DOWNLINK = List.of(
      new DownlinkRuleConfig("cmd/${username}/#", "commands/${topic[2:]}", 1, 0));

  private final UserAuthorizer users = new UserAuthorizer();
  private final List<AutoCloseable> devices = new ArrayList<>();
  private IotCoreSimulator simulator;
  private Gateway gateway;
  private Path spool;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable d : devices) {
      try {
        d.close();
      } catch (Exception e) {
        // already gone
      }
    }
    if (gateway != null) {
      Fixture.await(gateway.stop());
    }
    if (simulator != null) {
      Fixture.await(simulator.close());
    }
  }

  // ---- the tests

  @Test
  void aDeviceReconnectingWithTheSameCredentialsReusesItsConnection(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(10));
    V5Device first = device("dev-a", "dev-a", "pw-a");
    V5Device second = device("dev-a", "dev-a", "pw-a");
    first.disconnected().get(10, TimeUnit.SECONDS);

    assertThat(second.publish("sensors/temp", "21", 1, false).getReasonCodes()).containsExactly(0);
    assertThat(Fixture.await(simulator.awaitArrivals(x -> true, 1))).singleElement()
        .satisfies(x -> assertThat(x.clientId() + " " + x.topic()).isEqualTo("dev-a dt/dev-a/temp"));
    assertThat(simulator.connectsReceived()).isEqualTo(1);
    assertThat(simulator.connects("dev-a")).isEqualTo(1);
  }

  @Test
  void aWrongPasswordForAConnectedClientIdIsRefusedAndTheDeviceGoesOn(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(10));
    V5Device a = device("dev-a", "dev-a", "pw-a");
    a.subscribe("commands/#", 1);

    assertThat(refusal(() -> device("dev-a", "dev-a", "not-pw-a"))).isEqualTo(0x87);

    assertThat(a.client().isConnected()).isTrue();
    assertThat(a.publish("sensors/temp", "still-here", 1, false).getReasonCodes()).containsExactly(0);
    assertThat(Fixture.await(simulator.awaitArrivals(x -> x.payloadText().equals("still-here"), 1))).singleElement()
        .satisfies(x -> assertThat(x.clientId()).isEqualTo("dev-a"));
    Fixture.await(simulator.publish("cmd/dev-a/reboot", "now".getBytes(StandardCharsets.UTF_8), 1));
    assertThat(a.next().topic()).isEqualTo("commands/reboot");
    assertThat(simulator.connects("dev-a")).isEqualTo(1);
  }

  @Test
  void aDeviceIotCoreRefusesLaterIsDisconnectedAndLosesItsVerifier(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(10));
    V5Device a = device("dev-a", "dev-a", "pw-a");
    DeviceVerifiers verifiers = new DeviceVerifiers(spool, Clock.systemUTC());
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of dev-a is written",
        () -> admits(verifiers, "dev-a", "dev-a", "pw-a"));

    users.disable("dev-a");
    assertThat(Fixture.await(simulator.refreshNow("dev-a"))).isFalse();

    MqttDisconnectResponse response = a.disconnected().get(15, TimeUnit.SECONDS);
    assertThat(response.getReturnCode()).isEqualTo(0x87);
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of dev-a is removed",
        () -> !admits(verifiers, "dev-a", "dev-a", "pw-a"));
  }

  @Test
  void theDeviceBeyondMaxConnectionsIsRefusedWithQuotaExceeded(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(1));
    device("dev-a", "dev-a", "pw-a");

    assertThat(refusal(() -> device("dev-b", "dev-b", "pw-b"))).isEqualTo(0x97);
  }

  @Test
  void aDeviceThatLeavesHasItsConnectionClosedOnceItsMessagesArrived(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(10));
    V5Device a = device("dev-a", "dev-a", "pw-a");
    for (int i = 0; i < 20; i++) {
      a.client().publish("sensors/temp", ("m-" + i).getBytes(StandardCharsets.UTF_8), 1, false);
    }
    a.close();
    devices.remove(a);

    List<Arrival> arrived = Fixture.await(simulator.awaitArrivals(x -> true, 20));
    assertThat(arrived).extracting(Arrival::payloadText)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "m-" + i).toList());
    Poll.until(vertx, Duration.ofSeconds(10), "dev-a's upstream connection is closed",
        () -> !simulator.connectedClientIds().contains("dev-a"));
    assertThat(gateway.upstreamStatus()).isEmpty();
  }

  @Test
  void messagesPublishedWhileIotCoreWasDownGoOnTheDevicesOwnConnectionAfterItLeft(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(10));
    int port = simulator.port();
    V5Device a = device("dev-a", "dev-a", "pw-a");
    DeviceVerifiers verifiers = new DeviceVerifiers(spool, Clock.systemUTC());
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of dev-a is written",
        () -> admits(verifiers, "dev-a", "dev-a", "pw-a"));
    Fixture.await(simulator.close());
    simulator = null;

    assertThat(a.publish("sensors/temp", "during-outage-1", 1, false).getReasonCodes()).containsExactly(0);
    assertThat(a.publish("sensors/temp", "during-outage-2", 1, false).getReasonCodes()).containsExactly(0);
    a.close();
    devices.remove(a);

    simulator = startSimulator(vertx, port);
    List<Arrival> arrived = Fixture.await(simulator.awaitArrivals(x -> true, 2));
    assertThat(arrived).extracting(x -> x.clientId() + " " + x.topic() + " " + x.payloadText())
        .containsExactly("dev-a dt/dev-a/temp during-outage-1", "dev-a dt/dev-a/temp during-outage-2");
    Poll.until(vertx, Duration.ofSeconds(10), "dev-a's upstream connection is closed once they are sent",
        () -> !simulator.connectedClientIds().contains("dev-a") && gateway.upstreamStatus().isEmpty());
  }

  @Test
  void mqtt311DevicesGetTheirReturnCodes(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(1));
    assertThat(v3Refusal("dev-a", "dev-a", "not-pw-a")).isEqualTo(5); // not authorized
    V3Device a = v3Device("dev-a", "dev-a", "pw-a");
    assertThat(a.client().isConnected()).isTrue();
    assertThat(v3Refusal("dev-b", "dev-b", "pw-b")).isEqualTo(3); // server unavailable: no room upstream
    assertThat(v3Refusal("", "dev-b", "pw-b")).isEqualTo(2); // identifier rejected
    assertThat(v3Refusal("dev-b", null, null)).isEqualTo(5);
  }

  @Test
  void aDeviceWithoutClientIdOrCredentialsIsRefused(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(10));
    assertThat(refusal(() -> device("", "dev-a", "pw-a"))).isEqualTo(0x85);
    assertThat(refusal(() -> {
      MqttConnectionOptions o = V5Device.options();
      devices.add(V5Device.connect("tcp://127.0.0.1:" + gateway.port("lan"), "dev-a", o));
    })).isEqualTo(0x87);
    assertThat(simulator.connectsReceived()).isZero();
  }

  @Test
  void aDeviceRefusedWhenItsVerifierCannotBeReadLeavesNoConnectionBehind(Vertx vertx) throws Exception {
    startBehindRelay(vertx, devicesConfig(1));
    // the verifiers cannot be read: a directory where their file should be
    Files.createDirectories(spool.resolve(DeviceVerifiers.FILE_NAME));
    Fixture.await(simulator.close());
    simulator = null;

    assertThat(refusal(() -> device("dev-a", "dev-a", "pw-a"))).isEqualTo(0x88);
    Poll.until(vertx, Duration.ofSeconds(10), "dev-a's upstream connection is given up",
        () -> gateway.upstreamStatus().isEmpty());
    // its place is free again: the next device is told IoT Core cannot be reached, not that the gateway is full
    assertThat(refusal(() -> device("dev-b", "dev-b", "pw-b"))).isEqualTo(0x88);
  }

  @Test
  void aPasswordIotCoreRefusesNoLongerAdmitsOffline(Vertx vertx) throws Exception {
    startBehindRelay(vertx, devicesConfig(10));
    V5Device a = device("dev-a", "dev-a", "pw-a");
    DeviceVerifiers verifiers = new DeviceVerifiers(spool, Clock.systemUTC());
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of dev-a is written",
        () -> admits(verifiers, "dev-a", "dev-a", "pw-a"));
    a.close();
    devices.remove(a);

    // the password is changed in Cognito (it leaked, say): IoT Core refuses the old one
    users.add("dev-a", "pw-a-rotated");
    assertThat(refusal(() -> device("dev-a", "dev-a", "pw-a"))).isEqualTo(0x87);
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of the refused password is removed",
        () -> !admits(verifiers, "dev-a", "dev-a", "pw-a"));

    // and it does not get in while IoT Core cannot be reached
    Fixture.await(simulator.close());
    simulator = null;
    assertThat(refusal(() -> device("dev-a", "dev-a", "pw-a"))).isEqualTo(0x88);
  }

  @Test
  void aWrongPasswordDoesNotRemoveTheVerifierOfTheRightOne(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(10));
    V5Device a = device("dev-a", "dev-a", "pw-a");
    DeviceVerifiers verifiers = new DeviceVerifiers(spool, Clock.systemUTC());
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of dev-a is written",
        () -> admits(verifiers, "dev-a", "dev-a", "pw-a"));
    a.close();
    devices.remove(a);

    assertThat(refusal(() -> device("dev-a", "dev-a", "guess"))).isEqualTo(0x87);
    Fixture.await(simulator.close());
    simulator = null;
    device("dev-a", "dev-a", "pw-a");
  }

  @Test
  void theRightPasswordRefusedForAnotherClientIdDoesNotRemoveTheVerifierOfItsOwn(Vertx vertx) throws Exception {
    startBehindRelay(vertx, devicesConfig(10));
    V5Device a = device("dev-a", "dev-a", "pw-a");
    DeviceVerifiers verifiers = new DeviceVerifiers(spool, Clock.systemUTC());
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of dev-a is written",
        () -> admits(verifiers, "dev-a", "dev-a", "pw-a"));
    a.close();
    devices.remove(a);

    // the user's policy allows only its own client id: IoT Core refuses this one, not the password
    assertThat(refusal(() -> device("dev-a-spare", "dev-a", "pw-a"))).isEqualTo(0x87);

    Fixture.await(simulator.close());
    simulator = null;
    device("dev-a", "dev-a", "pw-a");
    assertThat(admits(verifiers, "dev-a", "dev-a", "pw-a")).isTrue();
  }

  @Test
  void withAShortOfflineAdmissionTheVerifierFollowsTheLastAcceptedSignIn(Vertx vertx) throws Exception {
    Duration offlineAdmission = Duration.ofSeconds(3);
    startBehindRelay(vertx, new UpstreamConfig.DevicesConfig(10, 50, 20, Duration.ofSeconds(5), offlineAdmission));
    V5Device a = device("dev-a", "dev-a", "pw-a");
    DeviceVerifiers verifiers = new DeviceVerifiers(spool, Clock.systemUTC());
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of dev-a is written",
        () -> admits(verifiers, "dev-a", "dev-a", "pw-a"));
    java.time.Instant first = verifiers.list().get(0).acceptedAt();
    a.close();
    devices.remove(a);

    // accepted again half-way through offlineAdmission: that acceptance is what offline admission counts from
    Poll.until(vertx, Duration.ofSeconds(5), "half of offlineAdmission has passed",
        () -> java.time.Instant.now().isAfter(first.plus(offlineAdmission.dividedBy(2))));
    V5Device again = device("dev-a", "dev-a", "pw-a");
    Poll.until(vertx, Duration.ofSeconds(5), "the verifier holds the later acceptance",
        () -> acceptedAt(verifiers).isAfter(first));
    java.time.Instant second = verifiers.list().get(0).acceptedAt();
    again.close();
    devices.remove(again);

    Fixture.await(simulator.close());
    simulator = null;
    Poll.until(vertx, Duration.ofSeconds(5), "offlineAdmission has passed since the first acceptance",
        () -> java.time.Instant.now().isAfter(first.plus(offlineAdmission).plusMillis(200)));
    assertThat(java.time.Instant.now()).isBefore(second.plus(offlineAdmission));
    device("dev-a", "dev-a", "pw-a");
  }

  @Test
  void aDeviceWhoseVerifierWasRevokedGetsANewOneWhenIotCoreAcceptsItAgain(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(10));
    V5Device a = device("dev-a", "dev-a", "pw-a");
    DeviceVerifiers verifiers = new DeviceVerifiers(spool, Clock.systemUTC());
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of dev-a is written",
        () -> admits(verifiers, "dev-a", "dev-a", "pw-a"));
    a.close();
    devices.remove(a);

    // what edge-gateway devices revoke does, beside the running gateway
    assertThat(verifiers.revoke("dev-a")).isTrue();
    device("dev-a", "dev-a", "pw-a");
    Poll.until(vertx, Duration.ofSeconds(10), "dev-a has a verifier again",
        () -> admits(verifiers, "dev-a", "dev-a", "pw-a"));
  }

  @Test
  void tokenModeADeviceWhoseSignInFailsIsAnsweredWhileOthersAreConnected(Vertx vertx) throws Exception {
    // a Cognito whose ID token is the password, so that the authorizer above accepts it; it can fail
    java.util.concurrent.atomic.AtomicBoolean cognitoUp = new java.util.concurrent.atomic.AtomicBoolean(true);
    io.vertx.core.http.HttpServer cognito = Fixture.await(vertx.createHttpServer().requestHandler(request ->
        request.body().onSuccess(body -> {
          if (!cognitoUp.get()) {
            request.response().setStatusCode(500).putHeader("content-type", "application/x-amz-json-1.1")
                .putHeader("x-amzn-ErrorType", "InternalErrorException")
                .end("{\"__type\":\"InternalErrorException\",\"message\":\"down\"}");
            return;
          }
          String password = new JsonObject(body.toString()).getJsonObject("AuthParameters").getString("PASSWORD");
          request.response().putHeader("content-type", "application/x-amz-json-1.1")
              .end(new JsonObject().put("AuthenticationResult", new JsonObject().put("IdToken", password)
                  .put("ExpiresIn", 3600).put("RefreshToken", "refresh")).encode());
        })).listen(0, "127.0.0.1"));
    start(vertx, devicesConfig(10), -1, new CredentialsConfig(CredentialsConfig.Mode.TOKEN, null, null,
        new CredentialsConfig.CognitoConfig("eu-west-1", "client-1", null,
            java.net.URI.create("http://127.0.0.1:" + cognito.actualPort()), "id", Duration.ofMinutes(5))));
    device("dev-b", "dev-b", "pw-b");

    cognitoUp.set(false);
    assertThat(refusal(() -> device("dev-a", "dev-a", "pw-a"))).isEqualTo(0x88);
  }

  @Test
  void aDeviceThatStaysConnectedHasItsVerifierRefreshedWhenIotCoreAcceptsItAgain(Vertx vertx) throws Exception {
    Duration offlineAdmission = Duration.ofSeconds(3);
    start(vertx, new UpstreamConfig.DevicesConfig(10, 50, 20, Duration.ofSeconds(5), offlineAdmission));
    device("dev-a", "dev-a", "pw-a");
    DeviceVerifiers verifiers = new DeviceVerifiers(spool, Clock.systemUTC());
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of dev-a is written",
        () -> admits(verifiers, "dev-a", "dev-a", "pw-a"));
    java.time.Instant first = acceptedAt(verifiers);

    // the device stays connected; its own connection is accepted again (disconnectAfterInSeconds, a reconnect)
    Poll.until(vertx, Duration.ofSeconds(5), "half of offlineAdmission has passed",
        () -> java.time.Instant.now().isAfter(first.plus(offlineAdmission.dividedBy(2))));
    Fixture.await(simulator.expire("dev-a"));
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier holds IoT Core's later acceptance",
        () -> acceptedAt(verifiers).isAfter(first));
  }

  @Test
  void aQos0MessageOfADeviceThatLeftAtOnceDuringAnOutageGoesUpWhenIotCoreIsBack(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(10));
    int port = simulator.port();
    acceptedThenIotCoreDown(vertx);

    // a sensor's habit: connect, publish at QoS 0, disconnect at once
    V5Device sensor = device("dev-a", "dev-a", "pw-a");
    sensor.client().publish("sensors/temp", "fire-and-forget".getBytes(StandardCharsets.UTF_8), 0, false);
    sensor.close();
    devices.remove(sensor);
    Poll.until(vertx, Duration.ofSeconds(10), "the message is on disk",
        () -> gateway.spoolStats().orElseThrow().messages() == 1);

    simulator = startSimulator(vertx, port);
    assertThat(Fixture.await(simulator.awaitArrivals(x -> true, 1))).singleElement()
        .satisfies(x -> assertThat(x.clientId() + " " + x.payloadText()).isEqualTo("dev-a fire-and-forget"));
  }

  @Test
  void aDeviceReconnectingRightAfterASlowConnectIsNotThrottledByIotCore(Vertx vertx) throws Exception {
    simulator = startSimulator(vertx, 0);
    // the first connection's TLS handshake is slow (a busy CPU, a far network): its CONNECT arrives late
    int relay = Fixture.await(relay(vertx, simulator.port(), 800)).actualPort();
    start(vertx, devicesConfig(10), relay);
    V5Device a = device("dev-a", "dev-a", "pw-a");
    a.close();
    devices.remove(a);

    V5Device again = device("dev-a", "dev-a", "pw-a");
    assertThat(again.client().isConnected()).isTrue();
    assertThat(simulator.count(Counter.CONNECT_THROTTLED)).isZero();
    assertThat(simulator.minMillisBetweenConnectsOfOneClientId()).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void aUsernameTheDeviceSdkCannotSendIsRefusedAsBadCredentials(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(10));
    // the MQTT username upstream carries the authorizer's parameters after a '?'
    assertThat(refusal(() -> device("dev-a", "dev-a?x-amz-customauthorizer-name=other", "pw-a"))).isEqualTo(0x86);
    assertThat(refusal(() -> device("dev-a", "", "pw-a"))).isEqualTo(0x86);
    assertThat(gateway.upstreamStatus()).isEmpty();
    assertThat(simulator.connectsReceived()).isZero();
  }

  @Test
  void aDeviceAdmittedOfflineThatIotCoreRefusesOnceBackIsDisconnectedAndLosesItsVerifier(Vertx vertx)
      throws Exception {
    start(vertx, devicesConfig(10));
    int port = simulator.port();
    DeviceVerifiers verifiers = acceptedThenIotCoreDown(vertx);
    V5Device offline = device("dev-a", "dev-a", "pw-a");

    users.disable("dev-a");
    simulator = startSimulator(vertx, port);

    assertThat(offline.disconnected().get(15, TimeUnit.SECONDS).getReturnCode()).isEqualTo(0x87);
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of dev-a is removed",
        () -> !admits(verifiers, "dev-a", "dev-a", "pw-a"));
  }

  @Test
  void aDeviceJoiningAConnectionThatCameUpAfterItsTimeoutIsAdmittedOnline(Vertx vertx) throws Exception {
    start(vertx, new UpstreamConfig.DevicesConfig(10, 50, 20, Duration.ofSeconds(1), Duration.ofDays(1)));
    V5Device a = device("dev-a", "dev-a", "pw-a");
    DeviceVerifiers verifiers = new DeviceVerifiers(spool, Clock.systemUTC());
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of dev-a is written",
        () -> admits(verifiers, "dev-a", "dev-a", "pw-a"));
    a.close();
    devices.remove(a);

    // the authorizer answers after the gateway's connectTimeout: the device is admitted on its verifier, and
    // its connection comes up a moment later
    users.answerAfter(2000);
    V5Device slow = device("dev-a", "dev-a", "pw-a");
    assertThat(slow.client().isConnected()).isTrue();
    Poll.until(vertx, Duration.ofSeconds(10), "dev-a's connection is up",
        () -> gateway.upstreamStatus().stream().anyMatch(st -> st.state() == LinkState.CONNECTED));
    users.answerAfter(0);
    // the operator revokes the verifier (the device is online: it needs none)
    assertThat(verifiers.revoke("dev-a")).isTrue();

    // the same device again, with the same credentials: its connection is up, so it is admitted online
    V5Device again = device("dev-a", "dev-a", "pw-a");
    assertThat(again.client().isConnected()).isTrue();
    assertThat(simulator.connects("dev-a")).isEqualTo(2);
  }

  @Test
  void aDeviceWithANewPasswordReplacesItsOwnConnectionEvenWhenTheGatewayIsFull(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(1));
    V5Device old = device("dev-a", "dev-a", "pw-a");
    assertThat(old.publish("sensors/temp", "before", 1, false).getReasonCodes()).containsExactly(0);
    Fixture.await(simulator.awaitArrivals(x -> x.payloadText().equals("before"), 1));

    // its password is changed: the device comes back with the new one, in place of its connection
    users.add("dev-a", "pw-a-new");
    V5Device renewed = device("dev-a", "dev-a", "pw-a-new");
    old.disconnected().get(10, TimeUnit.SECONDS);
    assertThat(renewed.publish("sensors/temp", "after", 1, false).getReasonCodes()).containsExactly(0);
    assertThat(Fixture.await(simulator.awaitArrivals(x -> x.payloadText().equals("after"), 1))).singleElement()
        .satisfies(x -> assertThat(x.clientId()).isEqualTo("dev-a"));
    Poll.until(vertx, Duration.ofSeconds(10), "one connection for dev-a", () -> gateway.upstreamStatus().size() == 1
        && simulator.connectedClientIds().equals(Set.of("dev-a")));
    // and the gateway is still full for another device
    assertThat(refusal(() -> device("dev-b", "dev-b", "pw-b"))).isEqualTo(0x97);
  }

  @Test
  void aDeviceThatGivesUpBeforeIotCoreAnswersLeavesNoConnectionBehind(Vertx vertx) throws Exception {
    start(vertx, devicesConfig(10));
    users.answerAfter(1500);
    try (io.edgegateway.testing.RawMqtt raw = new io.edgegateway.testing.RawMqtt(gateway.port("lan"))) {
      raw.writeRaw(connect311("dev-a", "dev-a", "pw-a"));
      Poll.until(vertx, Duration.ofSeconds(10), "IoT Core asks the authorizer about dev-a",
          () -> simulator.authorizerEvents().size() == 1);
    } // the device leaves before the answer

    // IoT Core accepts it after the device left: the connection is closed again, and nothing is left of it
    Poll.until(vertx, Duration.ofSeconds(10), "IoT Core accepted dev-a", () -> simulator.connects("dev-a") == 1);
    Poll.until(vertx, Duration.ofSeconds(10), "dev-a's upstream connection is closed",
        () -> !simulator.connectedClientIds().contains("dev-a") && gateway.upstreamStatus().isEmpty());
    users.answerAfter(0);
    device("dev-a", "dev-a", "pw-a");
    assertThat(simulator.connectedClientIds()).containsExactly("dev-a");
  }

  /** An MQTT 3.1.1 CONNECT with a clean session, a username and a password. */
  private static byte[] connect311(String clientId, String username, String password) {
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) 0xC2, 0, 60});
    for (String field : List.of(clientId, username, password)) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      body.write(bytes.length >> 8);
      body.write(bytes.length & 0xFF);
      body.writeBytes(bytes);
    }
    java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
    packet.write(0x10);
    packet.write(body.size()); // short enough for one length byte
    packet.writeBytes(body.toByteArray());
    return packet.toByteArray();
  }

  // ---- plumbing

  @Test
  void aPassingFaultOnADevicesFirstConnectWhileOthersAreConnectedIsTriedAgainNotAnsweredOffline(Vertx vertx)
      throws Exception {
    simulator = startSimulator(vertx, 0);
    // the relay's second connection (dev-b's first CONNECT) is cut at once; the others pass
    start(vertx, devicesConfig(10), Fixture.await(relayCutting(vertx, simulator.port(), 1)).actualPort());
    device("dev-a", "dev-a", "pw-a");

    V5Device b = device("dev-b", "dev-b", "pw-b");

    assertThat(b.client().isConnected()).isTrue();
    assertThat(gateway.deviceAdmissions(UpstreamAdmission.Verdict.ONLINE)).isEqualTo(2);
    assertThat(gateway.deviceAdmissions(UpstreamAdmission.Verdict.UNAVAILABLE)).isZero();
    assertThat(b.publish("sensors/temp", "19", 1, false).getReasonCodes()).containsExactly(0);
    assertThat(Fixture.await(simulator.awaitArrivals(x -> true, 1))).singleElement()
        .satisfies(x -> assertThat(x.clientId()).isEqualTo("dev-b"));
  }

  /**
   * dev-a connects once (its verifier is written) and leaves; then IoT Core goes away. Returns the verifiers.
   */
  private DeviceVerifiers acceptedThenIotCoreDown(Vertx vertx) throws Exception {
    V5Device a = device("dev-a", "dev-a", "pw-a");
    DeviceVerifiers verifiers = new DeviceVerifiers(spool, Clock.systemUTC());
    Poll.until(vertx, Duration.ofSeconds(10), "the verifier of dev-a is written",
        () -> admits(verifiers, "dev-a", "dev-a", "pw-a"));
    a.close();
    devices.remove(a);
    Fixture.await(simulator.close());
    simulator = null;
    return verifiers;
  }

  private void start(Vertx vertx, UpstreamConfig.DevicesConfig devicesConfig) throws Exception {
    start(vertx, devicesConfig, -1);
  }

  /**
   * The same with the gateway reaching the simulator through a relay, for a test that ends with IoT Core
   * unreachable: the relay takes the connection and closes it, where the closed simulator's port would refuse
   * it. The device SDK's host resolver, shared by the whole JVM, remembers a refused connection to localhost,
   * and the next test's first connection could fail to resolve it.
   */
  private void startBehindRelay(Vertx vertx, UpstreamConfig.DevicesConfig devicesConfig) throws Exception {
    simulator = startSimulator(vertx, 0);
    start(vertx, devicesConfig, Fixture.await(relay(vertx, simulator.port(), 1)).actualPort());
  }

  /** The simulator and a gateway in device mode; {@code relayPort}, when not -1, is where the gateway connects. */
  private void start(Vertx vertx, UpstreamConfig.DevicesConfig devicesConfig, int relayPort) throws Exception {
    start(vertx, devicesConfig, relayPort, new CredentialsConfig(CredentialsConfig.Mode.PASSWORD, null, null, null));
  }

  private void start(Vertx vertx, UpstreamConfig.DevicesConfig devicesConfig, int relayPort,
      CredentialsConfig credentials) throws Exception {
    users.add("dev-a", "pw-a");
    users.add("dev-b", "pw-b");
    if (simulator == null) {
      simulator = startSimulator(vertx, 0);
    }
    UpstreamConfig base = UpstreamGateway.upstream(simulator, credentials, "unused", 1, 10_000);
    UpstreamConfig upstream = new UpstreamConfig(base.endpoint(), relayPort == -1 ? base.port() : relayPort,
        base.caFile(), base.authorizerName(),
        null, 1, base.keepAlive(), base.maxQueuedMessages(), credentials, base.quota(), base.reconnect(),
        UpstreamConfig.Identity.DEVICE, devicesConfig);
    spool = Files.createTempDirectory(Files.createDirectories(Path.of("target", "spools")), "device-links");
    GatewayConfig config = UpstreamGateway.config(upstream, null, FORWARD, DOWNLINK, l -> l,
        io.edgegateway.testing.TestConfigs.SPOOL.withDirectory(spool));
    gateway = UpstreamGateway.start(config);
  }

  private IotCoreSimulator startSimulator(Vertx vertx, int port) throws Exception {
    return Fixture.start(vertx, SimulatorOptions.defaults().withPort(port), Authorizers.single(AUTHORIZER, users));
  }

  private static UpstreamConfig.DevicesConfig devicesConfig(int maxConnections) {
    return new UpstreamConfig.DevicesConfig(maxConnections, 50, 20, Duration.ofSeconds(5), Duration.ofDays(1));
  }

  private V5Device device(String clientId, String username, String password) throws MqttException {
    MqttConnectionOptions o = V5Device.options();
    o.setUserName(username);
    o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    V5Device d = new V5Device("tcp://127.0.0.1:" + gateway.port("lan"), clientId);
    devices.add(d);
    d.client().connect(o).waitForCompletion(10_000);
    return d;
  }

  private V3Device v3Device(String clientId, String username, String password)
      throws org.eclipse.paho.client.mqttv3.MqttException {
    MqttConnectOptions o = V3Device.options();
    if (username != null) {
      o.setUserName(username);
      o.setPassword(password.toCharArray());
    }
    V3Device d = new V3Device("tcp://127.0.0.1:" + gateway.port("lan"), clientId);
    devices.add(d);
    d.client().connect(o);
    return d;
  }

  private int v3Refusal(String clientId, String username, String password) {
    try {
      v3Device(clientId, username, password);
    } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
      return e.getReasonCode();
    }
    throw new AssertionError("the device was admitted");
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

  /**
   * A TCP relay to the simulator that holds back the bytes of its first connection for {@code firstDelayMillis}
   * before passing them on: a slow network or handshake, with TLS still end to end.
   */
  private static Future<NetServer> relay(Vertx vertx, int target, long firstDelayMillis) {
    NetClient client = vertx.createNetClient();
    AtomicInteger connections = new AtomicInteger();
    return vertx.createNetServer().connectHandler(in -> {
      in.pause();
      long delay = connections.getAndIncrement() == 0 ? firstDelayMillis : 1;
      client.connect(target, "127.0.0.1").onSuccess(out -> {
        out.handler(in::write);
        out.closeHandler(v -> in.close());
        in.handler(out::write);
        in.closeHandler(v -> out.close());
        vertx.setTimer(delay, id -> in.resume());
      }).onFailure(e -> in.close());
    }).listen(0, "127.0.0.1");
  }

  /** A TCP relay to the simulator that cuts its connection number {@code cut} (from 0) at once. */
  private static Future<NetServer> relayCutting(Vertx vertx, int target, int cut) {
    NetClient client = vertx.createNetClient();
    AtomicInteger connections = new AtomicInteger();
    return vertx.createNetServer().connectHandler(in -> {
      if (connections.getAndIncrement() == cut) {
        in.close();
        return;
      }
      in.pause();
      client.connect(target, "127.0.0.1").onSuccess(out -> {
        out.handler(in::write);
        out.closeHandler(v -> in.close());
        in.handler(out::write);
        in.closeHandler(v -> out.close());
        in.resume();
      }).onFailure(e -> in.close());
    }).listen(0, "127.0.0.1");
  }

  private static java.time.Instant acceptedAt(DeviceVerifiers verifiers) {
    try {
      return verifiers.list().get(0).acceptedAt();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean admits(DeviceVerifiers verifiers, String username, String clientId, String password) {
    try {
      return verifiers.admits(username, clientId, password.getBytes(StandardCharsets.UTF_8), Duration.ofDays(1));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * An authorizer that knows each user's password and allows it its own client id and its own topics
   * ({@code dt/<user>/*} out, {@code cmd/<user>/*} in); a user can be disabled.
   */
  static final class UserAuthorizer implements Authorizer {
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private volatile long answerAfterMillis;

    void add(String username, String password) {
      passwords.put(username, password);
    }

    void disable(String username) {
      disabled.add(username);
    }

    /** Answers this long after being asked (0: at once). */
    void answerAfter(long millis) {
      answerAfterMillis = millis;
    }

    @Override
    public Future<JsonObject> authorize(JsonObject event) {
      long delay = answerAfterMillis;
      if (delay > 0) {
        io.vertx.core.Promise<JsonObject> later = io.vertx.core.Promise.promise();
        Vertx.currentContext().owner().setTimer(delay, id -> answer(event).onComplete(later));
        return later.future();
      }
      return answer(event);
    }

    private Future<JsonObject> answer(JsonObject event) {
      JsonObject mqtt = event.getJsonObject("protocolData", new JsonObject()).getJsonObject("mqtt", new JsonObject());
      String sent = mqtt.getString("username", "");
      String username = sent.contains("?") ? sent.substring(0, sent.indexOf('?')) : sent;
      String password = mqtt.getString("password") == null ? null
          : new String(Base64.getDecoder().decode(mqtt.getString("password")), StandardCharsets.UTF_8);
      if (password == null || disabled.contains(username) || !password.equals(passwords.get(username))) {
        return Future.succeededFuture(new JsonObject().put("isAuthenticated", false));
      }
      return Future.succeededFuture(FixedAuthorizer.allowance(username.replace("-", ""), 86_400, 86_400,
          Policies.document(
              Policies.statement("Allow", "iot:Connect", Policies.ARN + "client/" + username),
              Policies.statement("Allow", "iot:Publish", Policies.ARN + "topic/dt/" + username + "/*"),
              Policies.statement("Allow", "iot:Receive", Policies.ARN + "topic/cmd/" + username + "/*"),
              Policies.statement("Allow", "iot:Subscribe", Policies.ARN + "topicfilter/cmd/" + username + "/*"))));
    }
  }
}
