package io.edgegateway.iotcore;

import static io.edgegateway.iotcore.Policies.ARN;
import static io.edgegateway.iotcore.Policies.document;
import static io.edgegateway.iotcore.Policies.statement;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.PubAckPacket.PubAckReasonCode;

/**
 * {@code iot:Publish}, {@code iot:RetainPublish}, {@code iot:Subscribe} and {@code iot:Receive} as IoT Core
 * enforces them, message routing between connections and from the cloud, and Basic Ingest.
 */
@ExtendWith(VertxExtension.class)
class PublishPolicyTest {
  private static final String POLICY = document(
      statement("Allow", "iot:Connect", ARN + "client/${iot:ClientId}"),
      statement("Allow", "iot:Publish", ARN + "topic/dt/${iot:ClientId}/*", ARN + "topic/$aws/rules/store/*",
          ARN + "topic/retained/*"),
      statement("Allow", "iot:RetainPublish", ARN + "topic/retained/*"),
      statement("Allow", "iot:Subscribe", ARN + "topicfilter/cmd/*", ARN + "topicfilter/dt/*"),
      statement("Allow", "iot:Receive", ARN + "topic/cmd/${iot:ClientId}/*", ARN + "topic/dt/*"));

  private final FixedAuthorizer authorizer = FixedAuthorizer.allowing("dev1", POLICY);
  private IotCoreSimulator simulator;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    simulator = Fixture.start(vertx, SimulatorOptions.defaults(), Authorizers.single("gw-auth", authorizer));
  }

  @AfterEach
  void stop() throws Exception {
    Fixture.await(simulator.close());
  }

  @Test
  void publishOutsideThePolicyIsAnsweredNotAuthorizedOrDropped() throws Exception {
    try (PahoDevice device = PahoDevice.connect(simulator, "p1")) {
      assertThat(device.publish("dt/p1/a", "ok", 1)).isZero();
      assertThat(device.publish("dt/p2/a", "no", 1)).isEqualTo(0x87);
      assertThat(device.publish("dt/p2/a", "no", 0)).isZero();
      assertThat(device.publish("dt/p1/a", "no".getBytes(StandardCharsets.UTF_8), 1, true)).isEqualTo(0x87);
      assertThat(device.publish("retained/x", "ok".getBytes(StandardCharsets.UTF_8), 1, true)).isZero();
      assertThat(device.publish("dt/p1/b", "last", 1)).isZero();
    }
    assertThat(simulator.arrivals()).extracting(Arrival::topic).containsExactly("dt/p1/a", "retained/x", "dt/p1/b");
    assertThat(simulator.arrivals().get(1).retain()).isTrue();
    assertThat(simulator.count(Counter.POLICY_REFUSED_PUBLISH)).isEqualTo(2);
    assertThat(simulator.count(Counter.POLICY_REFUSED_RETAIN)).isEqualTo(1);
  }

  @Test
  void theDeviceSdkReadsTheRefusalFromItsPubAck() throws Exception {
    try (SdkDevice device = SdkDevice.connect(simulator, "sdk1", "gw-auth", "pw", "sdk1")) {
      device.awaitConnected();
      assertThat(device.publish("dt/sdk1/a", "ok", QOS.AT_LEAST_ONCE).getResultPubAck().getReasonCode())
          .isEqualTo(PubAckReasonCode.SUCCESS);
      assertThat(device.publish("dt/other/a", "no", QOS.AT_LEAST_ONCE).getResultPubAck().getReasonCode())
          .isEqualTo(PubAckReasonCode.NOT_AUTHORIZED);
    }
  }

  @Test
  void mqtt311PublishOutsideThePolicyDisconnects() throws Exception {
    try (V3Device device = V3Device.connect(simulator, "v3dev")) {
      MqttMessage message = new MqttMessage("no".getBytes(StandardCharsets.UTF_8));
      message.setQos(0);
      try {
        device.client.publish("dt/other/a", message);
      } catch (MqttException closedUnderIt) {
        // the simulator may close the connection before Paho completes the write
      }
      assertThat(device.lost.get(15, TimeUnit.SECONDS)).isNotNull();
    }
    assertThat(simulator.count(Counter.POLICY_REFUSED_PUBLISH)).isEqualTo(1);
  }

  @Test
  void subscribeOutsideThePolicyIsRefusedPerFilter() throws Exception {
    try (PahoDevice device = PahoDevice.connect(simulator, "p1")) {
      assertThat(device.subscribe("cmd/p1/#", "other/#", "cmd/+/x")).containsExactly(1, 0x87, 1);
    }
    assertThat(simulator.count(Counter.POLICY_REFUSED_SUBSCRIBE)).isEqualTo(1);
  }

  @Test
  void receiveIsCheckedOnEveryDelivery() throws Exception {
    try (PahoDevice device = PahoDevice.connect(simulator, "p1")) {
      assertThat(device.subscribe("cmd/#")).containsExactly(1);
      assertThat(Fixture.await(simulator.publish("cmd/p2/x", bytes("not for p1"), 1))).isZero();
      assertThat(Fixture.await(simulator.publish("cmd/p1/x", bytes("for p1"), 1))).isEqualTo(1);
      PahoDevice.Received received = device.received.poll(15, TimeUnit.SECONDS);
      assertThat(received.topic()).isEqualTo("cmd/p1/x");
      assertThat(received.text()).isEqualTo("for p1");
    }
    assertThat(simulator.count(Counter.POLICY_REFUSED_RECEIVE)).isEqualTo(1);
  }

  @Test
  void publishesReachSubscribedConnections() throws Exception {
    try (PahoDevice subscriber = PahoDevice.connect(simulator, "sub1");
        PahoDevice publisher = PahoDevice.connect(simulator, "pub1")) {
      assertThat(subscriber.subscribe("dt/+/temp")).containsExactly(1);
      publisher.publish("dt/pub1/temp", "21.5", 1);
      PahoDevice.Received received = subscriber.received.poll(15, TimeUnit.SECONDS);
      assertThat(received.topic()).isEqualTo("dt/pub1/temp");
      assertThat(received.text()).isEqualTo("21.5");
    }
  }

  @Test
  void basicIngestIsRecordedWithItsRuleAndReachesNoSubscriber() throws Exception {
    try (PahoDevice device = PahoDevice.connect(simulator, "p1")) {
      assertThat(device.subscribe("dt/#")).containsExactly(1);
      assertThat(device.publish("$aws/rules/store/dt/p1/t", "ingest", 1)).isZero();
      assertThat(device.publish("dt/p1/t", "routed", 1)).isZero();
      assertThat(device.received.poll(15, TimeUnit.SECONDS).text()).isEqualTo("routed");
    }
    Arrival ingest = Fixture.await(simulator.awaitArrivals(a -> a.ruleName() != null, 1)).get(0);
    assertThat(ingest.ruleName()).isEqualTo("store");
    assertThat(ingest.ruleTopic()).isEqualTo("dt/p1/t");
    assertThat(ingest.topic()).isEqualTo("$aws/rules/store/dt/p1/t");
    assertThat(ingest.principalId()).isEqualTo("dev1");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
