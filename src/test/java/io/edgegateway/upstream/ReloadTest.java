package io.edgegateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.Gateway;
import io.edgegateway.config.AuthConfig;
import io.edgegateway.config.ConfigException;
import io.edgegateway.config.DownlinkRuleConfig;
import io.edgegateway.config.ForwardRuleConfig;
import io.edgegateway.config.GatewayConfig;
import io.edgegateway.iotcore.Arrival;
import io.edgegateway.iotcore.Authorizers;
import io.edgegateway.iotcore.FixedAuthorizer;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.Policies;
import io.edgegateway.iotcore.SimulatorOptions;
import io.edgegateway.local.auth.PasswordFileEditor;
import io.edgegateway.local.auth.PasswordHasher;
import io.edgegateway.testing.V5Device;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload (what SIGHUP does) applies new password and ACL files and new forward and downlink rules to
 * a running gateway: connected devices stay connected, and a bad file changes nothing.
 */
@ExtendWith(VertxExtension.class)
class ReloadTest {

  private static final String AUTHORIZER = "gw-auth";
  private static final String CLIENT_ID = "test-gateway";

  @TempDir
  Path dir;

  private IotCoreSimulator simulator;
  private Gateway gateway;

  @BeforeEach
  void simulator(Vertx vertx) throws Exception {
    simulator = Fixture.start(vertx, SimulatorOptions.defaults(),
        Authorizers.single(AUTHORIZER, FixedAuthorizer.allowing("gw1", Policies.everything())));
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      Fixture.await(gateway.stop());
    }
    Fixture.await(simulator.close());
  }

  private GatewayConfig config(Path passwd, Path acl, String forwardTopic, String downlinkFilter) {
    GatewayConfig c = UpstreamGateway.config(
        UpstreamGateway.upstream(simulator, UpstreamGateway.password("gw1", "pw-1"), CLIENT_ID, 1, 10_000), acl,
        List.of(new ForwardRuleConfig("sensors/#", forwardTopic, 1, null, 0)),
        List.of(new DownlinkRuleConfig(downlinkFilter, "commands/${topic[2:]}", 1, 0)), l -> l,
        io.edgegateway.testing.TestConfigs.SPOOL.withDirectory(dir.resolve("spool")));
    return new GatewayConfig(c.gatewayId(), List.of(io.edgegateway.testing.TestConfigs.tcp("lan", false)),
        new AuthConfig(passwd, acl), c.limits(), c.sessions(), c.log(), c.upstream(), c.spool(), c.forward(),
        c.downlink());
  }

  @Test
  void newPasswordAclAndRulesApplyWhileDevicesStayConnected() throws Exception {
    Path passwd = dir.resolve("passwd");
    new PasswordFileEditor(passwd, new PasswordHasher()).create("alice", bytes("a-pass"));
    Path acl = Files.writeString(dir.resolve("acl"), "user alice\ntopic readwrite sensors/#\n");
    gateway = UpstreamGateway.start(config(passwd, acl, "dt/old/${topic[1:]}", "cmd/old/#"));
    int port = gateway.port("lan");
    V5Device alice = V5Device.connect("tcp://127.0.0.1:" + port, "alice-1", login("alice", "a-pass"));
    alice.publish("sensors/t", "1", 1, false);
    Fixture.await(simulator.awaitArrivals(a -> a.topic().equals("dt/old/t"), 1));
    assertThatThrownBy(() -> V5Device.connect("tcp://127.0.0.1:" + port, "bob-1", login("bob", "b-pass")))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));

    new PasswordFileEditor(passwd, new PasswordHasher()).put("bob", bytes("b-pass"));
    Files.writeString(acl, "user alice\ntopic read sensors/#\nuser bob\ntopic readwrite sensors/#\n"
        + "topic read commands/#\n");
    List<String> needRestart = gateway.reload(config(passwd, acl, "dt/new/${topic[1:]}", "cmd/new/#"));

    assertThat(needRestart).isEmpty();
    assertThat(alice.client().isConnected()).isTrue();
    // bob is in the new password file
    V5Device bob = V5Device.connect("tcp://127.0.0.1:" + port, "bob-1", login("bob", "b-pass"));
    bob.subscribe("commands/#", 1);
    // the new forward rule
    bob.publish("sensors/t", "2", 1, false);
    Fixture.await(simulator.awaitArrivals(a -> a.topic().equals("dt/new/t"), 1));
    // alice may no longer write sensors/#: refused on the connection she kept
    assertThat(alice.publish("sensors/t", "3", 1, false).getReasonCodes()).containsExactly(0x87);
    assertThat(alice.client().isConnected()).isTrue();
    // the new downlink filter replaces the old one upstream, on the same connection
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Set<String> subscribed = Fixture.await(simulator.subscriptions(CLIENT_ID));
    while (!subscribed.equals(Set.of("cmd/new/#"))) {
      assertThat(System.nanoTime()).as("upstream subscriptions still %s", subscribed).isLessThan(deadline);
      Fixture.await(simulator.publish("cmd/old/ping", bytes("x"), 0)); // a round trip before looking again
      subscribed = Fixture.await(simulator.subscriptions(CLIENT_ID));
    }
    Fixture.await(simulator.publish("cmd/new/lamp", bytes("on"), 1));
    assertThat(bob.next().topic()).isEqualTo("commands/lamp");
    assertThat(simulator.arrivals()).extracting(Arrival::payloadText).doesNotContain("3");
    alice.close();
    bob.close();
  }

  @Test
  void aBadPasswordFileChangesNothing() throws Exception {
    Path passwd = dir.resolve("passwd");
    new PasswordFileEditor(passwd, new PasswordHasher()).create("alice", bytes("a-pass"));
    gateway = UpstreamGateway.start(config(passwd, null, "dt/old/${topic[1:]}", "cmd/old/#"));
    int port = gateway.port("lan");

    Files.writeString(passwd, "alice:$7$broken\n");
    assertThatThrownBy(() -> gateway.reload(config(passwd, null, "dt/new/${topic[1:]}", "cmd/new/#")))
        .isInstanceOf(ConfigException.class);

    V5Device alice = V5Device.connect("tcp://127.0.0.1:" + port, "alice-1", login("alice", "a-pass"));
    alice.publish("sensors/t", "1", 1, false);
    Fixture.await(simulator.awaitArrivals(a -> a.topic().equals("dt/old/t"), 1));
    alice.close();
  }

  private static MqttConnectionOptions login(String user, String password) {
    MqttConnectionOptions o = V5Device.options();
    o.setUserName(user);
    o.setPassword(bytes(password));
    return o;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
