package io.edgegateway.cli;

import static io.edgegateway.cli.DoctorRun.PASSWORD_VARIABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.cli.DoctorRun.Result;
import io.edgegateway.iotcore.Authorizers;
import io.edgegateway.iotcore.Counter;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.FixedAuthorizer;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.Policies;
import io.edgegateway.iotcore.SimulatorOptions;
import io.edgegateway.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edge-gateway doctor} against the IoT Core simulator (TLS with its own CA, the authorizer's answer
 * fixed by each test), in password mode: each way of failing is reported at its own step.
 */
@ExtendWith(VertxExtension.class)
class DoctorCommandTest {

  private static final String PASSWORD = "doctor-Secret-42";
  private static final Map<String, String> ENV = Map.of(PASSWORD_VARIABLE, PASSWORD);
  private static final String TOPIC = "dt/gw1/doctor";
  private static final List<String> NETWORK_AND_MQTT = List.of("DNS", "TCP", "TLS", "connect", "subscribe", "publish",
      "receive");

  @TempDir
  Path dir;

  private final FixedAuthorizer authorizer = new FixedAuthorizer();
  private IotCoreSimulator simulator;

  @BeforeEach
  void simulator(Vertx vertx) throws Exception {
    authorizer.allow("gw1", 86_400, 86_400, Policies.device(TOPIC, TOPIC, TOPIC));
    simulator = Fixture.start(vertx, SimulatorOptions.defaults(), Authorizers.single(DoctorRun.AUTHORIZER, authorizer));
  }

  @AfterEach
  void stop() throws Exception {
    Fixture.await(simulator.close());
  }

  private Result doctor(String... extra) throws Exception {
    Path config = DoctorRun.passwordConfig(dir, simulator);
    String[] args = new String[extra.length + 2];
    args[0] = "--config";
    args[1] = config.toString();
    System.arraycopy(extra, 0, args, 2, extra.length);
    return DoctorRun.run(ENV, args);
  }

  @Test
  void everyStepPassesAgainstAnEndpointThatAllowsTheRoundTrip() throws Exception {
    Result r = doctor();

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(NETWORK_AND_MQTT).allSatisfy(step -> assertThat(r.status(step)).as(r.line(step)).isEqualTo("ok"));
    assertThat(r.line("config")).contains("user gw1 (password mode)").contains("client id gw1 (the gateway's own)")
        .contains("test topic " + TOPIC);
    assertThat(r.line("TLS")).contains("ALPN mqtt").contains("trusted by upstream.caFile");
    assertThat(r.status("Cognito")).isEqualTo("skipped");
    assertThat(r.line("Cognito")).contains("the authorizer checks the password");
    assertThat(r.line("connect")).contains("authorizer gw-auth").contains("client id gw1");
    assertThat(r.line("receive")).contains("came back");
    assertThat(r.out()).endsWith("every step passed" + System.lineSeparator());
    assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    // the authorizer saw the SNI name and the gateway's username, as from the gateway itself
    assertThat(simulator.authorizerEvents()).singleElement().satisfies(e -> {
      assertThat(e.getJsonObject("protocolData").getJsonObject("tls").getString("serverName")).isEqualTo("localhost");
      assertThat(e.getJsonObject("protocolData").getJsonObject("mqtt").getString("clientId")).isEqualTo("gw1");
    });
    assertThat(simulator.arrivals()).singleElement().satisfies(a -> assertThat(a.topic()).isEqualTo(TOPIC));
  }

  @Test
  void anotherClientIdAndTopicCanBeChosen() throws Exception {
    authorizer.allow("gw1", 86_400, 86_400, Policies.device("dt/gw1/*", "dt/gw1/*", "dt/gw1/*"));

    Result r = doctor("--client-id", "gw1-doctor", "--topic", "dt/gw1/check");

    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(r.line("connect")).contains("client id gw1-doctor");
    assertThat(simulator.arrivals()).singleElement().satisfies(a -> assertThat(a.topic()).isEqualTo("dt/gw1/check"));
  }

  @Test
  void aServerCertificateThatCaFileDoesNotTrustFailsTheTlsStep() throws Exception {
    Path otherCa = TestCertificates.create(Files.createDirectories(dir.resolve("other-ca"))).ca();
    Path config = DoctorRun.config(dir, "localhost", simulator.port(), otherCa, """
        mode: password
        username: gw1
        passwordEnv: %s""".formatted(PASSWORD_VARIABLE));

    Result r = DoctorRun.run(ENV, "--config", config.toString());

    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.status("TCP")).isEqualTo("ok");
    assertThat(r.status("TLS")).isEqualTo("FAILED");
    assertThat(r.line("TLS")).contains("CN=localhost").contains("issued by CN=test-ca")
        .contains("is not trusted by upstream.caFile " + otherCa.toAbsolutePath()).contains("Amazon Root CA 1");
    assertThat(List.of("Cognito", "connect", "subscribe", "publish", "receive"))
        .allSatisfy(step -> assertThat(r.status(step)).isEqualTo("skipped"));
    assertThat(r.out()).contains("failed at step TLS");
    assertThat(simulator.authorizerEvents()).isEmpty();
  }

  @Test
  void anEndpointThatDoesNotResolveFailsTheDnsStep() throws Exception {
    Path config = DoctorRun.config(dir, "no-such-host.invalid", 443, simulator.tls().ca(), """
        mode: password
        username: gw1
        passwordEnv: %s""".formatted(PASSWORD_VARIABLE));

    Result r = DoctorRun.run(ENV, "--config", config.toString());

    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.line("DNS")).contains("FAILED").contains("cannot resolve no-such-host.invalid")
        .contains("check upstream.endpoint");
    assertThat(r.status("TCP")).isEqualTo("skipped");
    assertThat(r.status("receive")).isEqualTo("skipped");
  }

  @Test
  void aPortWhereNothingListensFailsTheTcpStep() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path config = DoctorRun.config(dir, "localhost", closedPort, simulator.tls().ca(), """
        mode: password
        username: gw1
        passwordEnv: %s""".formatted(PASSWORD_VARIABLE));

    Result r = DoctorRun.run(ENV, "--config", config.toString());

    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.line("TCP")).contains("FAILED").contains("connection refused").contains("upstream.port");
  }

  @Test
  void credentialsTheAuthorizerDeniesFailTheConnectStep() throws Exception {
    authorizer.deny();

    Result r = doctor();

    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.status("TLS")).isEqualTo("ok");
    assertThat(r.line("connect")).contains("FAILED").contains("CONNACK 0x87 not authorized")
        .contains("authorizer gw-auth denied user gw1").contains("POLICY_CLIENT_IDS allows gw1");
    assertThat(r.status("subscribe")).isEqualTo("skipped");
    assertThat(simulator.count(Counter.AUTH_DENIED)).isEqualTo(1);
    assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
  }

  @Test
  void aPolicyThatDoesNotAllowTheClientIdFailsTheConnectStep() throws Exception {
    authorizer.allow("gw1", 86_400, 86_400, Policies.document(
        Policies.statement("Allow", "iot:Connect", Policies.ARN + "client/gw1"),
        Policies.statement("Allow", "iot:*", Policies.ARN + "topic/*")));

    Result r = doctor("--client-id", "gw1-doctor");

    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.line("connect")).contains("FAILED").contains("does not allow client id gw1-doctor");
    assertThat(simulator.count(Counter.CONNECT_DENIED)).isEqualTo(1);
  }

  @Test
  void aPolicyWithoutSubscribeFailsTheSubscribeStepAndNamesThePolicyKeys() throws Exception {
    // the authorizer's default policy: publish on dt/<user>/*, subscribe and receive on cmd/<user>/* only
    authorizer.allow("gw1", 86_400, 86_400, Policies.device("dt/gw1/*", "cmd/gw1/*", "cmd/gw1/*"));

    Result r = doctor();

    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.status("connect")).isEqualTo("ok");
    assertThat(r.line("subscribe")).contains("FAILED").contains("SUBACK 0x87 not authorized")
        .contains("POLICY_SUBSCRIBE_FILTERS").contains("--publish-only");
    assertThat(r.status("publish")).isEqualTo("skipped");
  }

  @Test
  void publishOnlyPassesWithThePolicyThatAllowsPublishingAlone() throws Exception {
    authorizer.allow("gw1", 86_400, 86_400, Policies.device("dt/gw1/*", "cmd/gw1/*", "cmd/gw1/*"));

    Result r = doctor("--publish-only");

    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(r.status("subscribe")).isEqualTo("skipped");
    assertThat(r.status("publish")).isEqualTo("ok");
    assertThat(r.status("receive")).isEqualTo("skipped");
    assertThat(simulator.arrivals()).hasSize(1);
  }

  @Test
  void aPolicyWithoutPublishFailsThePublishStep() throws Exception {
    authorizer.allow("gw1", 86_400, 86_400, Policies.device("dt/gw1/other", TOPIC, TOPIC));

    Result r = doctor();

    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.status("subscribe")).isEqualTo("ok");
    assertThat(r.line("publish")).contains("FAILED").contains("PUBACK 0x87 not authorized")
        .contains("POLICY_PUBLISH_TOPICS");
  }

  @Test
  void aPolicyWithoutReceiveFailsTheReceiveStepWhenNoEchoComes() throws Exception {
    authorizer.allow("gw1", 86_400, 86_400, Policies.device(TOPIC, "cmd/gw1/*", TOPIC));

    Result r = doctor("--timeout", "1");

    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.status("publish")).isEqualTo("ok");
    assertThat(r.line("receive")).contains("FAILED").contains("did not come back within 1 s")
        .contains("iot:Receive on topic/" + TOPIC);
  }

  @Test
  void aLocalOnlyConfigurationHasNothingToCheck() throws Exception {
    Path config = Files.writeString(dir.resolve("local.yaml"), """
        listeners:
          - name: local
            port: 1883
        """);

    Result r = DoctorRun.run(Map.of(), "--config", config.toString());

    assertThat(r.exitCode()).isEqualTo(6);
    assertThat(r.line("config")).contains("ok").contains("no upstream.endpoint").contains("local only");
    assertThat(r.out()).doesNotContain("DNS");
  }

  @Test
  void anInvalidConfigurationExitsWith2AndNamesTheKey() throws Exception {
    Path config = Files.writeString(dir.resolve("bad.yaml"), """
        upstream:
          endpoint: example-ats.iot.eu-west-1.amazonaws.com
          port: https
        """);

    Result r = DoctorRun.run(Map.of(), "--config", config.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.status("config")).isEqualTo("FAILED");
    assertThat(r.status("DNS")).isEqualTo("skipped");
    assertThat(r.err()).contains("upstream.port").contains(":3");
  }

  @Test
  void aWildcardTestTopicIsABadOption() throws Exception {
    Result r = doctor("--topic", "dt/gw1/#");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("dt/gw1/#").contains("not a valid MQTT topic name");
  }

  @Test
  void helpListsTheStepsAndExitCodes() {
    Result r = DoctorRun.run(Map.of(), "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Exit codes:").contains("5   a step failed").contains("6   no upstream")
        .contains("--client-id").contains("--topic").contains("--publish-only");
  }
}
