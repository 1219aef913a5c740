package io.edgegateway.local.auth;

import static io.edgegateway.local.auth.PasswordHashTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example files in config/ say what they hold, and both the gateway and Mosquitto read them. */
class ShippedExamplesTest {
  private static final Path PASSWD = Path.of("config", "passwd.example");
  private static final Path ACL = Path.of("config", "acl.example");

  @Test
  void thePasswordExampleHoldsTheUserItsCommentNames() throws Exception {
    assertThat(Files.readString(PASSWD)).contains("device1").contains("change-me");
    PasswordFile passwords = PasswordFile.load(PASSWD);
    assertThat(passwords.size()).isEqualTo(1);
    assertThat(passwords.verify("device1", utf8("change-me"))).isTrue();
    assertThat(passwords.maxIterations()).isEqualTo(PasswordHasher.DEFAULT_ITERATIONS);
  }

  @Test
  void theAclExampleDecidesAsItsCommentsSay() throws Exception {
    AclFile acl = AclFile.load(ACL);
    assertThat(acl.canReceive("c", null, "public/weather")).isTrue();
    assertThat(acl.canReceive("c", null, "public/internal/x")).isFalse();
    assertThat(acl.canPublish("c", null, "public/weather")).isFalse();

    assertThat(acl.canReceive("dash", "dashboard", "devices/d1/temp")).isTrue();
    assertThat(acl.canPublish("dash", "dashboard", "commands/d1/reboot")).isTrue();
    assertThat(acl.canPublish("dash", "dashboard", "devices/d1/temp")).isFalse();

    assertThat(acl.canPublish("op", "operator", "anything/at/all")).isTrue();
    assertThat(acl.canPublish("op", "operator", "maintenance/switch")).isFalse();
    assertThat(acl.canPublish("op", "operator", "devices/op/config/x")).isTrue();

    assertThat(acl.canPublish("d1", "device1", "devices/d1/temp")).isTrue();
    assertThat(acl.canPublish("d1", "device1", "devices/d2/temp")).isFalse();
    assertThat(acl.canPublish("d1", "device1", "devices/d1/config/x")).isFalse();
    assertThat(acl.canReceive("d1", "device1", "commands/d1/reboot")).isTrue();
    assertThat(acl.canReceive("d1", "device1", "commands/d2/reboot")).isFalse();
    assertThat(acl.canPublish("d1", "device1", "inbox/device1/hello")).isTrue();
    assertThat(acl.canReceive("d1", null, "inbox/device1/hello")).isFalse();
    assertThat(acl.canPublish("site/d1", "device1", "devices/site/d1/temp")).isFalse();
  }

  @Test
  void mosquittoStartsWithBothExamples(@TempDir Path dir) throws Exception {
    Path passwd = Files.copy(PASSWD, dir.resolve("passwd"), StandardCopyOption.REPLACE_EXISTING);
    Path acl = Files.copy(ACL, dir.resolve("acl"), StandardCopyOption.REPLACE_EXISTING);
    try (MosquittoBroker broker = MosquittoBroker.start(dir,
        "allow_anonymous false", "password_file " + passwd, "acl_file " + acl)) {
      MqttClient client = new MqttClient(broker.uri(), "d1", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setUserName("device1");
      options.setPassword("change-me".toCharArray());
      client.connect(options);
      assertThat(client.isConnected()).as(broker.log()).isTrue();
      client.disconnect();
      client.close();
    }
  }
}
