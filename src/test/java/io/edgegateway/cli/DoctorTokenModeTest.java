package io.edgegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.authorizer.it.CognitoLocal;
import io.edgegateway.authorizer.it.TestPool;
import io.edgegateway.cli.DoctorRun.Result;
import io.edgegateway.iotcore.Authorizers;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.InProcessAuthorizer;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.SimulatorOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * {@code edge-gateway doctor} in token mode: it signs in to cognito-local as the gateway does, and connects
 * with the token through the project's real authorizer (in this JVM, token mode), configured as the README
 * says to allow the doctor's round trip.
 */
@ExtendWith(VertxExtension.class)
class DoctorTokenModeTest {

  private static final String USER = "gw1";
  private static final String PASSWORD = TestPool.newPassword();
  private static final String PASSWORD_VARIABLE = "DOCTOR_COGNITO_PASSWORD";
  private static final String DEVICE = "sensor-3";
  private static final String DEVICE_PASSWORD = TestPool.newPassword();

  private static CognitoLocal cognito;
  private static String poolId;
  private static String appClient;

  @TempDir
  Path dir;

  private IotCoreSimulator simulator;

  @BeforeAll
  static void cognito() throws Exception {
    cognito = CognitoLocal.start();
    try (CognitoIdentityProviderClient admin = cognito.adminClient()) {
      TestPool pool = TestPool.create(admin, "doctor");
      poolId = pool.poolId;
      appClient = pool.client("edge-gateway");
      pool.confirmedUser(USER, PASSWORD);
      pool.confirmedUser(DEVICE, DEVICE_PASSWORD);
    }
  }

  @AfterAll
  static void stopCognito() {
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

  private void simulator(Vertx vertx) throws Exception {
    Map<String, String> lambda = new HashMap<>(Map.of(
        "COGNITO_USER_POOL_ID", poolId,
        "COGNITO_CLIENT_ID", appClient,
        "COGNITO_ENDPOINT", cognito.endpoint().toString(),
        "AWS_REGION", SimulatorOptions.DEFAULT_REGION,
        "AWS_ACCOUNT_ID", SimulatorOptions.DEFAULT_ACCOUNT,
        "AUTH_MODES", "token"));
    // the defaults plus the doctor's topic, as the README suggests
    lambda.put("POLICY_SUBSCRIBE_FILTERS", "cmd/${username}/*,dt/${username}/doctor");
    lambda.put("POLICY_RECEIVE_TOPICS", "cmd/${username}/*,dt/${username}/doctor");
    simulator = Fixture.start(vertx, SimulatorOptions.defaults(),
        Authorizers.single(DoctorRun.AUTHORIZER, InProcessAuthorizer.fromEnvironment(vertx, lambda)));
  }

  private Result doctor(String password) throws Exception {
    Path config = DoctorRun.config(dir, "localhost", simulator.port(), simulator.tls().ca(), """
        mode: token
        username: %s
        passwordEnv: %s
        cognito:
          region: %s
          clientId: %s
          endpoint: %s""".formatted(USER, PASSWORD_VARIABLE, SimulatorOptions.DEFAULT_REGION, appClient,
        cognito.endpoint()));
    return DoctorRun.run(Map.of(PASSWORD_VARIABLE, password), "--config", config.toString());
  }

  @Test
  void signsInToCognitoAndCompletesTheRoundTripWithTheToken(Vertx vertx) throws Exception {
    simulator(vertx);

    Result r = doctor(PASSWORD);

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.line("Cognito")).contains("ok").contains("signed in as user gw1").contains("id token");
    assertThat(List.of("connect", "subscribe", "publish", "receive"))
        .allSatisfy(step -> assertThat(r.status(step)).as(r.line(step)).isEqualTo("ok"));
    assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    assertThat(simulator.authorizerEvents()).singleElement()
        .satisfies(e -> assertThat(e.encode()).doesNotContain(PASSWORD));
  }

  @Test
  void withDeviceIdentityItSignsInAsTheDeviceAndConnectsUnderItsClientId(Vertx vertx) throws Exception {
    simulator(vertx);
    Path config = DoctorRun.deviceConfig(dir, "localhost", simulator.port(), simulator.tls().ca(), """
        mode: token
        cognito:
          region: %s
          clientId: %s
          endpoint: %s""".formatted(SimulatorOptions.DEFAULT_REGION, appClient, cognito.endpoint()));

    Result r = DoctorRun.run(Map.of("SENSOR_PASSWORD", DEVICE_PASSWORD), "--config", config.toString(),
        "--device-user", DEVICE, "--device-password-env", "SENSOR_PASSWORD");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.line("config")).contains("user sensor-3 (token mode, a device's own identity)")
        .contains("client id sensor-3").contains("test topic dt/sensor-3/doctor");
    assertThat(r.line("Cognito")).contains("ok").contains("signed in as user sensor-3");
    assertThat(r.line("connect")).contains("as user sensor-3, client id sensor-3");
    assertThat(List.of("subscribe", "publish", "receive"))
        .allSatisfy(step -> assertThat(r.status(step)).as(r.line(step)).isEqualTo("ok"));
    assertThat(r.out() + r.err()).doesNotContain(DEVICE_PASSWORD);
  }

  @Test
  void aWrongPasswordFailsAtTheCognitoStepAndNeverReachesIotCore(Vertx vertx) throws Exception {
    simulator(vertx);

    Result r = doctor("not-" + PASSWORD);

    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.status("TLS")).isEqualTo("ok");
    assertThat(r.line("Cognito")).contains("FAILED").contains("Cognito refused user gw1")
        .contains("the user name or password is wrong").contains("environment " + PASSWORD_VARIABLE);
    assertThat(r.status("connect")).isEqualTo("skipped");
    assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    assertThat(simulator.authorizerEvents()).isEmpty();
  }
}
