package io.edgegateway.local.auth;

import static io.edgegateway.local.auth.PasswordHashTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password files made by Mosquitto work here, and password files made here work in Mosquitto. */
class MosquittoPasswordInteropTest {
  @TempDir
  Path dir;

  @Test
  void entriesWrittenByMosquittoPasswdVerify() throws Exception {
    Path file = dir.resolve("passwd");
    run("-c", "-b", file.toString(), "alice", "secret");
    run("-b", file.toString(), "bob", "");
    run("-b", "-I", "1000", file.toString(), "carol", "many iterations");
    run("-H", "sha512", "-b", file.toString(), "dave", "old style $6$");
    run("-b", file.toString(), "jürgen", "grüße € 🙂");

    PasswordFile passwords = PasswordFile.load(file);
    assertThat(passwords.size()).isEqualTo(5);
    assertThat(passwords.verify("alice", utf8("secret"))).isTrue();
    assertThat(passwords.verify("bob", new byte[0])).isTrue();
    assertThat(passwords.verify("carol", utf8("many iterations"))).isTrue();
    assertThat(passwords.maxIterations()).isEqualTo(1000);
    assertThat(passwords.verify("dave", utf8("old style $6$"))).isTrue();
    assertThat(passwords.verify("jürgen", utf8("grüße € 🙂"))).isTrue();

    assertThat(passwords.verify("alice", utf8("Secret"))).isFalse();
    assertThat(passwords.verify("bob", utf8("x"))).isFalse();
    assertThat(passwords.verify("carol", utf8("many iterations "))).isFalse();
    assertThat(passwords.verify("dave", utf8("old style"))).isFalse();
    assertThat(passwords.verify("jürgen", utf8("grusse € 🙂"))).isFalse();
  }

  @Test
  void mosquittoPasswdKeepsEditingAFileWeEdited() throws Exception {
    Path file = dir.resolve("passwd");
    run("-c", "-b", file.toString(), "alice", "secret");
    new PasswordFileEditor(file, new PasswordHasher()).put("bob", utf8("from the gateway"));
    run("-b", file.toString(), "carol", "from mosquitto");
    run("-b", file.toString(), "bob", "updated by mosquitto");

    PasswordFile passwords = PasswordFile.load(file);
    assertThat(passwords.verify("alice", utf8("secret"))).isTrue();
    assertThat(passwords.verify("bob", utf8("updated by mosquitto"))).isTrue();
    assertThat(passwords.verify("carol", utf8("from mosquitto"))).isTrue();
    assertThat(Files.readAllLines(file)).extracting(line -> line.substring(0, line.indexOf(':')))
        .containsExactly("alice", "bob", "carol");
  }

  @Test
  void mosquittoAcceptsOurPasswordFile() throws Exception {
    Path file = dir.resolve("passwd");
    new PasswordFileEditor(file, new PasswordHasher()).create("alice", utf8("right-pw"));
    new PasswordFileEditor(file, new PasswordHasher(5, new SecureRandom()))
        .put("jürgen", utf8("grüße €"));
    Files.writeString(file, "# a comment line, as Mosquitto allows\n"
        + "dave:" + sha512Entry("hunter2") + "\n" + Files.readString(file));

    try (MosquittoBroker broker = MosquittoBroker.start(dir,
        "allow_anonymous false", "password_file " + file)) {
      assertThat(connects(broker, "alice", "right-pw")).as(broker.log()).isTrue();
      assertThat(connects(broker, "jürgen", "grüße €")).as(broker.log()).isTrue();
      assertThat(connects(broker, "dave", "hunter2")).as(broker.log()).isTrue();

      assertRefused(broker, "alice", "wrong-pw");
      assertRefused(broker, "alice", "");
      assertRefused(broker, "jürgen", "grusse €");
      assertRefused(broker, "mallory", "right-pw");
    }
  }

  /** A $6$ entry computed independently of the code under test: SHA-512(password || salt). */
  private static String sha512Entry(String password) throws Exception {
    byte[] salt = new byte[12];
    new SecureRandom().nextBytes(salt);
    MessageDigest sha = MessageDigest.getInstance("SHA-512");
    sha.update(utf8(password));
    sha.update(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    String entry = "$6$" + b64.encodeToString(salt) + "$" + b64.encodeToString(sha.digest());
    assertThat(PasswordHash.parse(entry).matches(utf8(password))).isTrue();
    return entry;
  }

  private static boolean connects(MosquittoBroker broker, String username, String password)
      throws MqttException {
    MqttClient client = new MqttClient(broker.uri(), "interop-" + username.hashCode(),
        new MemoryPersistence());
    try {
      MqttConnectOptions options = new MqttConnectOptions();
      options.setUserName(username);
      options.setPassword(password.toCharArray());
      client.connect(options);
      boolean connected = client.isConnected();
      client.disconnect();
      return connected;
    } finally {
      client.close();
    }
  }

  private static void assertRefused(MosquittoBroker broker, String username, String password) {
    MqttSecurityException refused = catchThrowableOfType(MqttSecurityException.class,
        () -> connects(broker, username, password));
    assertThat(refused).as("%s with a wrong password must be refused", username).isNotNull();
    assertThat(refused.getReasonCode())
        .as("CONNACK: not authorised").isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED);
  }

  private void run(String... args) throws Exception {
    MosquittoTools.Run run = MosquittoTools.mosquittoPasswd(dir, args);
    assertThat(run.exitCode()).as("mosquitto_passwd %s: %s", List.of(args), run.output()).isZero();
  }
}
