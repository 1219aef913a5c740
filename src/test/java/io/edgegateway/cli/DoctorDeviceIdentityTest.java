package io.edgegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.cli.DoctorRun.Result;
import io.edgegateway.iotcore.Authorizers;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.FixedAuthorizer;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.Policies;
import io.edgegateway.iotcore.SimulatorOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edge-gateway doctor} with {@code upstream.identity: device}: there are no gateway credentials, so it
 * checks the way as the device named by {@code --device-user} and {@code --device-password-env}, under the
 * device's own client id, against the IoT Core simulator in password mode.
 */
@ExtendWith(VertxExtension.class)
class DoctorDeviceIdentityTest {

  private static final String DEVICE = "sensor-17";
  private static final String DEVICE_PASSWORD = "device-Secret-17";
  private static final String VARIABLE = "SENSOR_PASSWORD";
  private static final Map<String, String> ENV = Map.of(VARIABLE, DEVICE_PASSWORD);
  private static final String TOPIC = "dt/" + DEVICE + "/doctor";

  @TempDir
  Path dir;

  private final FixedAuthorizer authorizer = new FixedAuthorizer();
  private IotCoreSimulator simulator;

  @BeforeEach
  void simulator(Vertx vertx) throws Exception {
    // a principal id is alphanumeric only, unlike the username
    authorizer.allow("sensor17", 86_400, 86_400, Policies.device(TOPIC, TOPIC, TOPIC));
    simulator = Fixture.start(vertx, SimulatorOptions.defaults(), Authorizers.single(DoctorRun.AUTHORIZER, authorizer));
  }

  @AfterEach
  void stop() throws Exception {
    Fixture.await(simulator.close());
  }

  private Path deviceConfig() throws Exception {
    return DoctorRun.deviceConfig(dir, "localhost", simulator.port(), simulator.tls().ca(), "mode: password");
  }

  @Test
  void checksEveryStepAsTheDeviceUnderItsOwnClientId() throws Exception {
    Result r = DoctorRun.run(ENV, "--config", deviceConfig().toString(), "--device-user", DEVICE,
        "--device-password-env", VARIABLE);

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.line("config")).contains("user " + DEVICE + " (password mode, a device's own identity)")
        .contains("client id " + DEVICE + " (the device's own)").contains("test topic " + TOPIC);
    assertThat(r.line("Cognito")).contains("skipped").contains("when the device connects");
    assertThat(List.of("DNS", "TCP", "TLS", "connect", "subscribe", "publish", "receive"))
        .allSatisfy(step -> assertThat(r.status(step)).as(r.line(step)).isEqualTo("ok"));
    assertThat(r.line("connect")).contains("as user " + DEVICE).contains("client id " + DEVICE);
    assertThat(r.out() + r.err()).doesNotContain(DEVICE_PASSWORD);
    // IoT Core saw the device's own username, password and client id
    assertThat(simulator.authorizerEvents()).singleElement().satisfies(e -> {
      JsonObject mqtt = e.getJsonObject("protocolData").getJsonObject("mqtt");
      assertThat(mqtt.getString("username")).startsWith(DEVICE + "?");
      assertThat(new String(Base64.getDecoder().decode(mqtt.getString("password")), StandardCharsets.UTF_8))
          .isEqualTo(DEVICE_PASSWORD);
      assertThat(mqtt.getString("clientId")).isEqualTo(DEVICE);
    });
    assertThat(simulator.arrivals()).singleElement().satisfies(a -> assertThat(a.topic()).isEqualTo(TOPIC));
  }

  @Test
  void withoutADeviceToCheckWithItSaysWhatToGiveAndExits2() throws Exception {
    String config = deviceConfig().toString();
    String expected = "upstream.identity is device: name a device to check with --device-user NAME "
        + "--device-password-env VAR";

    Result none = DoctorRun.run(ENV, "--config", config);
    Result noPassword = DoctorRun.run(ENV, "--config", config, "--device-user", DEVICE);
    Result noUser = DoctorRun.run(ENV, "--config", config, "--device-password-env", VARIABLE);

    assertThat(List.of(none, noPassword, noUser)).allSatisfy(r -> {
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.CONFIG);
      assertThat(r.err()).contains(expected);
    });
    assertThat(simulator.authorizerEvents()).isEmpty();
  }

  @Test
  void aPasswordVariableThatIsUnsetOrEmptyExits2NamingIt() throws Exception {
    String config = deviceConfig().toString();

    Result unset = DoctorRun.run(Map.of(), "--config", config, "--device-user", DEVICE,
        "--device-password-env", VARIABLE);
    Result empty = DoctorRun.run(Map.of(VARIABLE, ""), "--config", config, "--device-user", DEVICE,
        "--device-password-env", VARIABLE);

    assertThat(unset.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(unset.err()).contains("--device-password-env names the environment variable " + VARIABLE
        + ", which is not set");
    assertThat(empty.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(empty.err()).contains(VARIABLE + ", which is empty");
    assertThat(simulator.authorizerEvents()).isEmpty();
  }

  @Test
  void theDeviceOptionsAreRefusedWithTheGatewaysOwnIdentity() throws Exception {
    Path config = DoctorRun.passwordConfig(dir, simulator);
    Map<String, String> env = Map.of(DoctorRun.PASSWORD_VARIABLE, "gateway-Secret-1", VARIABLE, DEVICE_PASSWORD);

    Result r = DoctorRun.run(env, "--config", config.toString(), "--device-user", DEVICE,
        "--device-password-env", VARIABLE);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("--device-user and --device-password-env are for upstream.identity: device")
        .contains("leave both options out");
    assertThat(r.out() + r.err()).doesNotContain(DEVICE_PASSWORD).doesNotContain("gateway-Secret-1");
    assertThat(simulator.authorizerEvents()).isEmpty();
  }
}
