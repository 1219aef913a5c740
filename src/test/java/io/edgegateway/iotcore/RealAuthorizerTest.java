package io.edgegateway.iotcore;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.authorizer.AuthorizerFunction;
import io.edgegateway.authorizer.cli.InvokeApiServer;
import io.edgegateway.authorizer.it.CognitoLocal;
import io.edgegateway.authorizer.it.TestPool;
import io.edgegateway.authorizer.log.DecisionLog;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnAckPacket.ConnectReasonCode;
import software.amazon.awssdk.crt.mqtt5.packets.PubAckPacket.PubAckReasonCode;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The device SDK through the simulator to the project's real authorizer and a local Cognito (cognito-local):
 * in this JVM, and over the Lambda Invoke API as {@code authorizer.jar serve} answers it.
 */
@ExtendWith(VertxExtension.class)
class RealAuthorizerTest {
  private static final String USER = "gw1";
  private static final String PASSWORD = "Pw-" + UUID.randomUUID() + "-a1!";
  private static CognitoLocal cognito;
  private static Map<String, String> environment;
  private IotCoreSimulator simulator;

  @BeforeAll
  static void cognito() throws Exception {
    cognito = CognitoLocal.start();
    try (CognitoIdentityProviderClient admin = cognito.adminClient()) {
      TestPool pool = TestPool.create(admin, "sim");
      String client = pool.client("gateway");
      pool.confirmedUser(USER, PASSWORD);
      environment = Map.of(
          "COGNITO_USER_POOL_ID", pool.poolId,
          "COGNITO_CLIENT_ID", client,
          "COGNITO_ENDPOINT", cognito.endpoint().toString(),
          "AWS_REGION", SimulatorOptions.DEFAULT_REGION,
          "AWS_ACCOUNT_ID", SimulatorOptions.DEFAULT_ACCOUNT);
    }
  }

  @AfterAll
  static void stopCognito() throws Exception {
    if (cognito != null) {
      cognito.close();
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (simulator != null) {
      Fixture.await(simulator.close());
    }
  }

  @Test
  void inProcessAuthorizerAdmitsTheCognitoUserWithItsPolicy(Vertx vertx) throws Exception {
    Authorizer authorizer = InProcessAuthorizer.fromEnvironment(vertx, environment);
    simulator = Fixture.start(vertx, SimulatorOptions.defaults(), Authorizers.single("gw-auth", authorizer));
    try (SdkDevice device = SdkDevice.connect(simulator, USER, "gw-auth", PASSWORD, USER)) {
      device.awaitConnected();
      assertThat(device.publish("dt/gw1/temp", "21", QOS.AT_LEAST_ONCE).getResultPubAck().getReasonCode())
          .isEqualTo(PubAckReasonCode.SUCCESS);
      assertThat(device.publish("dt/other/temp", "21", QOS.AT_LEAST_ONCE).getResultPubAck().getReasonCode())
          .isEqualTo(PubAckReasonCode.NOT_AUTHORIZED);
    }
    assertThat(simulator.arrivals()).singleElement().satisfies(a -> assertThat(a.topic()).isEqualTo("dt/gw1/temp"));
    try (SdkDevice device = SdkDevice.connect(simulator, USER, "gw-auth", "wrong-password", USER + "-x")) {
      assertThat(device.awaitFailure().getConnAckPacket().getReasonCode()).isEqualTo(ConnectReasonCode.NOT_AUTHORIZED);
    }
    assertThat(simulator.count(Counter.AUTH_DENIED)).isEqualTo(1);
  }

  @Test
  void invokeApiAuthorizerAdmitsTheCognitoUser(Vertx vertx) throws Exception {
    List<String> decisions = new CopyOnWriteArrayList<>();
    DecisionLog log = new DecisionLog(decisions::add, Clock.systemUTC());
    InvokeApiServer server = InvokeApiServer.start(0, AuthorizerFunction.fromEnvironment(environment, log), log);
    try {
      Authorizer authorizer = new InvokeApiAuthorizer(vertx.createHttpClient(), URI.create(server.url()), "gw-auth");
      simulator = Fixture.start(vertx, SimulatorOptions.defaults(), Authorizers.single("gw-auth", authorizer));
      try (SdkDevice device = SdkDevice.connect(simulator, USER, "gw-auth", PASSWORD, USER)) {
        device.awaitConnected();
        assertThat(device.publish("dt/gw1/temp", "21", QOS.AT_LEAST_ONCE).getResultPubAck().getReasonCode())
            .isEqualTo(PubAckReasonCode.SUCCESS);
      }
      assertThat(decisions).anySatisfy(line -> assertThat(line).contains("\"decision\":\"allow\""));
      assertThat(decisions).noneSatisfy(line -> assertThat(line).contains(PASSWORD));
    } finally {
      server.stop();
    }
  }
}
