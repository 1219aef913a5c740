package io.edgegateway.iotcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.crt.mqtt5.packets.ConnAckPacket.ConnectReasonCode;

/**
 * CONNECT as IoT Core decides it with custom authentication: the event the authorizer gets, which authorizer
 * is asked, the response checks, {@code iot:Connect}, client-id rules and CONNECT throttling. Refusals are
 * CONNACK 0x87 not authorized (MQTT 5) and 5 (MQTT 3.1.1); IoT Core's exact code is not documented.
 */
@ExtendWith(VertxExtension.class)
class AuthenticationTest {
  private final FixedAuthorizer authorizer = FixedAuthorizer.allowing("dev1", Policies.everything());
  private IotCoreSimulator simulator;

  private void start(Vertx vertx, SimulatorOptions options, Authorizers authorizers) throws Exception {
    simulator = Fixture.start(vertx, options, authorizers);
  }

  private void start(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults(), Authorizers.single("gw-auth", authorizer));
  }

  @AfterEach
  void stop() throws Exception {
    if (simulator != null) {
      Fixture.await(simulator.close());
    }
  }

  @Test
  void theEventIsBuiltAsIotCoreBuildsIt(Vertx vertx) throws Exception {
    start(vertx);
    try (SdkDevice device = SdkDevice.connect(simulator, "alice", "gw-auth", "pässwörd", "alice-1")) {
      device.awaitConnected();
    }
    JsonObject event = simulator.authorizerEvents().get(0);
    assertThat(event.containsKey("token")).isFalse();
    assertThat(event.getBoolean("signatureVerified")).isFalse();
    assertThat(event.getJsonArray("protocols").getList()).containsExactly("tls", "mqtt");
    JsonObject mqtt = event.getJsonObject("protocolData").getJsonObject("mqtt");
    assertThat(mqtt.getString("username")).startsWith("alice?x-amz-customauthorizer-name=gw-auth&SDK=JavaV2");
    assertThat(Base64.getDecoder().decode(mqtt.getString("password")))
        .isEqualTo("pässwörd".getBytes(StandardCharsets.UTF_8));
    assertThat(mqtt.getString("clientId")).isEqualTo("alice-1");
    assertThat(event.getJsonObject("protocolData").getJsonObject("tls").getString("serverName")).isEqualTo("localhost");
    UUID.fromString(event.getJsonObject("connectionMetadata").getString("id"));
    assertThat(simulator.arrivals()).isEmpty();
  }

  @Test
  void noClientIdMeansNoClientIdInTheEventAndOneIsAssigned(Vertx vertx) throws Exception {
    start(vertx);
    MqttConnectionOptions options = PahoDevice.options(simulator, "plainuser");
    try (PahoDevice device = PahoDevice.connect(simulator, "", options)) {
      assertThat(simulator.connectedClientIds()).singleElement().asString().startsWith("sim-");
    }
    JsonObject mqtt = simulator.authorizerEvents().get(0).getJsonObject("protocolData").getJsonObject("mqtt");
    assertThat(mqtt.containsKey("clientId")).isFalse();
    assertThat(mqtt.getString("username")).isEqualTo("plainuser");
  }

  @Test
  void denialIsRefusedWithNotAuthorized(Vertx vertx) throws Exception {
    authorizer.deny();
    start(vertx);
    try (SdkDevice device = SdkDevice.connect(simulator, "alice", "gw-auth", "wrong", "alice-1")) {
      assertThat(device.awaitFailure().getConnAckPacket().getReasonCode()).isEqualTo(ConnectReasonCode.NOT_AUTHORIZED);
    }
    assertThat(simulator.count(Counter.AUTH_DENIED)).isEqualTo(1);
    assertThat(refusedV3("bob-1", "bob?x-amz-customauthorizer-name=gw-auth")).isEqualTo(5);
    assertThat(simulator.count(Counter.AUTH_DENIED)).isEqualTo(2);
  }

  @Test
  void theNamedAuthorizerIsAskedElseTheDefaultAndAnUnknownNameIsRefused(Vertx vertx) throws Exception {
    FixedAuthorizer other = FixedAuthorizer.allowing("other", Policies.everything());
    start(vertx, SimulatorOptions.defaults(), Authorizers.single("gw-auth", authorizer).with("other", other));
    PahoDevice.connect(simulator, "c1", PahoDevice.options(simulator, "u?x-amz-customauthorizer-name=other")).close();
    PahoDevice.connect(simulator, "c2", PahoDevice.options(simulator, "u")).close();
    assertThat(other.calls()).isEqualTo(1);
    assertThat(authorizer.calls()).isEqualTo(1);
    assertThat(refusedV5("c3", "u?x-amz-customauthorizer-name=nobody")).isEqualTo(0x87);
    assertThat(simulator.count(Counter.UNKNOWN_AUTHORIZER)).isEqualTo(1);
  }

  @Test
  void withoutADefaultAUsernameWithoutANameIsRefused(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults(), Authorizers.single("gw-auth", authorizer).withoutDefault());
    assertThat(refusedV5("c1", "u")).isEqualTo(0x87);
    assertThat(authorizer.calls()).isZero();
  }

  @Test
  void anInvalidResponseIsRefused(Vertx vertx) throws Exception {
    start(vertx);
    JsonObject[] invalid = {
        new JsonObject().put("isAuthenticated", "true"),
        FixedAuthorizer.allowance("bad-principal", 3600, 300, Policies.everything()),
        FixedAuthorizer.allowance("p", 299, 300, Policies.everything()),
        FixedAuthorizer.allowance("p", 3600, 86_401, Policies.everything()),
        FixedAuthorizer.allowance("p", 3600, 300, "x".repeat(2049)),
        FixedAuthorizer.allowance("p", 3600, 300, "not json"),
        FixedAuthorizer.allowance("p", 3600, 300, java.util.Collections.nCopies(11, Policies.everything())
            .toArray(String[]::new)),
    };
    int client = 0;
    for (JsonObject response : invalid) {
      authorizer.respond(response);
      assertThat(refusedV5("c" + client++, "u")).as(response.encode()).isEqualTo(0x87);
    }
    assertThat(simulator.count(Counter.AUTHORIZER_FAILED)).isEqualTo(invalid.length);
  }

  @Test
  void aFailingOrSlowAuthorizerIsRefused(Vertx vertx) throws Exception {
    start(vertx, SimulatorOptions.defaults().withAuthorizerTimeout(Duration.ofMillis(200)),
        Authorizers.single("gw-auth", authorizer));
    authorizer.fail();
    assertThat(refusedV5("c1", "u")).isEqualTo(0x87);
    authorizer.neverAnswer();
    assertThat(refusedV5("c2", "u")).isEqualTo(0x87);
    assertThat(simulator.count(Counter.AUTHORIZER_FAILED)).isEqualTo(2);
  }

  @Test
  void connectMustBeAllowedForTheClientId(Vertx vertx) throws Exception {
    authorizer.allow("dev1", 3600, 300, Policies.device("dt/*", "cmd/*", "cmd/*"));
    start(vertx);
    PahoDevice.connect(simulator, "allowed", PahoDevice.options(simulator, "u")).close();
    authorizer.allow("dev1", 3600, 300, Policies.document(
        Policies.statement("Allow", "iot:Connect", Policies.ARN + "client/gw-*"),
        Policies.statement("Deny", "iot:Connect", Policies.ARN + "client/gw-bad")));
    PahoDevice.connect(simulator, "gw-1", PahoDevice.options(simulator, "u")).close();
    assertThat(refusedV5("gw-bad", "u")).isEqualTo(0x87);
    assertThat(refusedV5("other", "u")).isEqualTo(0x87);
    assertThat(simulator.count(Counter.CONNECT_DENIED)).isEqualTo(2);
    assertThat(simulator.connects("gw-1")).isEqualTo(1);
  }

  @Test
  void clientIdsOver128BytesOrStartingWithDollarAreRefused(Vertx vertx) throws Exception {
    start(vertx);
    assertThat(refusedV5("é".repeat(65), "u")).isEqualTo(0x85);
    assertThat(refusedV5("$reserved", "u")).isEqualTo(0x85);
    assertThat(refusedV3("$reserved", "u")).isEqualTo(2);
    PahoDevice.connect(simulator, "a".repeat(128), PahoDevice.options(simulator, "u")).close();
    assertThat(simulator.count(Counter.CLIENT_ID_INVALID)).isEqualTo(3);
    assertThat(authorizer.calls()).isEqualTo(1);
  }

  @Test
  void oneConnectPerSecondPerClientId(Vertx vertx) throws Exception {
    start(vertx);
    PahoDevice.connect(simulator, "fast", PahoDevice.options(simulator, "u")).close();
    assertThat(refusedV5("fast", "u")).isEqualTo(0x97);
    assertThat(refusedV3("fast", "u")).isEqualTo(3);
    assertThat(simulator.count(Counter.CONNECT_THROTTLED)).isEqualTo(2);
    assertThat(simulator.connects("fast")).isEqualTo(1);
  }

  private int refusedV5(String clientId, String username) throws Exception {
    try {
      PahoDevice.connect(simulator, clientId, PahoDevice.options(simulator, username)).close();
    } catch (MqttException e) {
      return e.getReasonCode();
    }
    throw new AssertionError("connected");
  }

  private int refusedV3(String clientId, String username) throws Exception {
    org.eclipse.paho.client.mqttv3.MqttClient client = new org.eclipse.paho.client.mqttv3.MqttClient(
        "ssl://localhost:" + simulator.port(), clientId, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setSocketFactory(TlsClients.iotCore(simulator.tls()));
    options.setUserName(username);
    options.setPassword("pw".toCharArray());
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    try {
      client.connect(options);
      client.disconnect();
      throw new AssertionError("connected");
    } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
      return e.getReasonCode();
    } finally {
      client.close(true);
    }
  }
}
