package io.edgegateway.local.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.edgegateway.testing.RawMqtt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link AclFile}'s decisions with a real Mosquitto broker loaded with the same ACL file.
 *
 * <ul>
 *   <li>Publish: a Paho client with the case's client id and username publishes a probe at QoS 1 and
 *       waits for the PUBACK (Mosquitto acknowledges denied messages too, after dropping them). An
 *       observer subscribed to everything then publishes a sentinel; MQTT's ordering means the probe,
 *       if the broker accepted it, reaches the observer before the sentinel.
 *   <li>Receive: a {@link RawMqtt} with the case's identity subscribes to the topic (the
 *       SUBACK shows whether Mosquitto grants the subscription), the observer publishes a probe to
 *       it, and the probe either arrives before the answer to a PINGREQ or was not delivered.
 * </ul>
 *
 * <p>The observer is a user appended at the end of each ACL file with read-write access to
 * everything; as a separate user block it changes nobody else's access.
 */
class MosquittoAclDifferentialTest {
  private static final String OBSERVER = "__observer";
  private static final List<String> OBSERVER_BLOCK = List.of(
      "user " + OBSERVER, "topic readwrite #", "topic readwrite $dev/#", "topic readwrite $other/#");

  @TempDir
  Path dir;

  enum Op { PUBLISH, RECEIVE, SUBSCRIBE }

  /**
   * One question to both implementations. {@code stricter} marks a case where this gateway denies
   * by design what Mosquitto 2.0 allows; it must be allowed by Mosquitto and denied here.
   */
  record Case(Op op, String clientId, String username, String topic, boolean stricter) {
    @Override
    public String toString() {
      return op + " " + topic + " as client " + clientId + (username == null ? " (anonymous)"
          : " user " + username);
    }
  }

  static Case pub(String clientId, String username, String topic) {
    return new Case(Op.PUBLISH, clientId, username, topic, false);
  }

  static Case recv(String clientId, String username, String topic) {
    return new Case(Op.RECEIVE, clientId, username, topic, false);
  }

  static Case sub(String clientId, String username, String filter) {
    return new Case(Op.SUBSCRIBE, clientId, username, filter, false);
  }

  static Case stricter(Case c) {
    return new Case(c.op(), c.clientId(), c.username(), c.topic(), true);
  }

  @Test
  void anonymousClientsUsersAndDeny() throws Exception {
    compare(List.of(
            "# anonymous clients",
            "topic read public/#",
            "topic write anon/in",
            "topic deny public/secret",
            "topic read",
            "user alice",
            "topic readwrite alice/#",
            "topic deny alice/private/#",
            "topic read public/#",
            "user bob",
            "topic write bob/out",
            "topic read public/+/status"),
        pub("c1", null, "anon/in"),
        pub("c1", null, "public/news"),
        pub("c1", null, "read"),
        pub("c2", "alice", "alice"),
        pub("c2", "alice", "alice/x/y"),
        pub("c2", "alice", "alice/private/key"),
        pub("c2", "alice", "anon/in"),
        pub("c3", "bob", "bob/out"),
        pub("c4", "carol", "public/news"),
        recv("c1", null, "public/news"),
        recv("c1", null, "public/secret"),
        recv("c1", null, "public/secret/x"),
        recv("c1", null, "anon/in"),
        recv("c2", "alice", "alice/private/key"),
        recv("c2", "alice", "public/news"),
        recv("c3", "bob", "bob/out"),
        recv("c3", "bob", "public/a/status"),
        recv("c3", "bob", "public/a/b/status"),
        recv("c4", "carol", "public/news"),
        sub("c1", null, "#"),
        sub("c3", "bob", "secret/+/x"));
  }

  @Test
  void patternsAndUnsafeNames() throws Exception {
    compare(List.of(
            "pattern write devices/%c/#",
            "pattern read commands/%c",
            "pattern readwrite users/%u/#",
            "pattern deny devices/%c/locked",
            "pattern read broadcast/#",
            "user admin",
            "topic readwrite #"),
        pub("dev1", null, "devices/dev1/temp"),
        pub("dev1", null, "devices/dev1"),
        pub("dev1", null, "devices/dev2/temp"),
        pub("dev1", null, "devices/dev1/locked"),
        pub("dev1", null, "users/dev1/x"),
        pub("dev9", "u1", "users/u1/a"),
        pub("dev9", "u1", "users/u2/a"),
        pub("adm", "admin", "devices/adm/locked"),
        pub("a#b", "admin", "admin/x"),
        stricter(pub("site/dev1", null, "devices/site/dev1/t")),
        stricter(pub("dev8", "a/b", "users/a/b/x")),
        recv("dev1", null, "commands/dev1"),
        recv("dev1", null, "commands/dev2"),
        recv("dev1", null, "devices/dev1/temp"),
        recv("dev9", "u1", "broadcast/news"),
        recv("#", null, "commands/dev2"),
        recv("+", null, "commands/dev2"),
        recv("dev#1", null, "broadcast/news"),
        recv("dev+1", null, "broadcast/news"),
        recv("dev7", "u#", "broadcast/news"),
        stricter(recv("site/dev2", null, "broadcast/news")),
        sub("dev+1", null, "commands/#"));
  }

  @Test
  void topicLinesBeforePatternsAndDollarTopics() throws Exception {
    compare(List.of(
            "topic readwrite #",
            "topic readwrite $dev/#",
            "topic deny blocked/#",
            "pattern readwrite blocked/%c",
            "pattern deny open/%c/locked",
            "user alice",
            "topic read alice/#"),
        pub("c1", null, "x/y"),
        pub("c1", null, "blocked/c1"),
        pub("c1", null, "open/c1/locked"),
        pub("c1", null, "$dev/a"),
        pub("c1", null, "$other/a"),
        pub("c2", "alice", "x/y"),
        pub("c2", "alice", "blocked/c2"),
        pub("c2", "alice", "open/c2/locked"),
        recv("c1", null, "$dev/a"),
        recv("c1", null, "$other/a"),
        recv("c2", "alice", "alice/x"),
        recv("c2", "alice", "open/c2/locked"));
  }

  @Test
  void theShippedExample() throws Exception {
    compare(Files.readAllLines(Path.of("config", "acl.example"), StandardCharsets.UTF_8),
        pub("op", "operator", "devices/op/config/x"),
        pub("op", "operator", "maintenance/switch"),
        pub("d1", "device1", "devices/d1/temp"),
        pub("d1", "device1", "devices/d1/config/x"),
        pub("d1", "device1", "inbox/device1/hello"),
        pub("dash", "dashboard", "commands/d1/reboot"),
        recv("c", null, "public/weather"),
        recv("c", null, "public/internal/x"),
        recv("d1", "device1", "commands/d1/reboot"),
        recv("d1", "device1", "commands/d2/reboot"),
        recv("dash", "dashboard", "devices/d1/temp"));
  }

  @Test
  void anAclFileWithoutRulesDeniesEverything() throws Exception {
    compare(List.of("# no rules yet"),
        pub("c1", null, "a"),
        pub("c2", "alice", "a"),
        recv("c1", null, "a"),
        sub("c1", null, "a"));
  }

  private void compare(List<String> aclLines, Case... cases) throws Exception {
    AclFile ours = AclFile.parse(aclLines, "acl");
    Path aclFile = dir.resolve("acl");
    List<String> withObserver = new ArrayList<>(aclLines);
    withObserver.addAll(OBSERVER_BLOCK);
    Files.write(aclFile, withObserver, StandardCharsets.UTF_8);

    List<String> mismatches = new ArrayList<>();
    int allowed = 0;
    try (MosquittoBroker broker = MosquittoBroker.start(dir,
        "allow_anonymous true", "acl_file " + aclFile);
         Observer observer = new Observer(broker)) {
      Map<Case, Boolean> mosquitto = new LinkedHashMap<>();
      try (Probers probers = new Probers(broker)) {
        for (Case c : cases) {
          if (c.op() == Op.PUBLISH) {
            mosquitto.put(c, observer.sees(() -> probers.publish(c)));
          }
        }
      }
      for (Case c : cases) {
        if (c.op() == Op.RECEIVE) {
          mosquitto.put(c, receives(broker, observer, c));
        } else if (c.op() == Op.SUBSCRIBE) {
          mosquitto.put(c, subscribeGranted(broker, c));
        }
      }
      for (Case c : cases) {
        boolean theirs = mosquitto.get(c);
        boolean mine = decide(ours, c);
        allowed += theirs ? 1 : 0;
        if (c.stricter() ? !(theirs && !mine) : theirs != mine) {
          mismatches.add(c + ": Mosquitto " + verdict(theirs) + ", AclFile " + verdict(mine)
              + (c.stricter() ? " (expected Mosquitto allowed, AclFile denied)" : ""));
        }
      }
      assertThat(mismatches).as("decisions that differ from Mosquitto; broker log:\n%s",
          broker.log()).isEmpty();
    }
    if (cases.length > 4) {
      assertThat(allowed).as("the cases include allowed and denied ones")
          .isBetween(1, cases.length - 1);
    }
  }

  private static boolean decide(AclFile acl, Case c) {
    return switch (c.op()) {
      case PUBLISH -> acl.canPublish(c.clientId(), c.username(), c.topic());
      case RECEIVE -> acl.canReceive(c.clientId(), c.username(), c.topic());
      case SUBSCRIBE -> acl.canSubscribe(c.clientId(), c.username(), c.topic());
    };
  }

  private static String verdict(boolean allowed) {
    return allowed ? "allows" : "denies";
  }

  private static boolean receives(MosquittoBroker broker, Observer observer, Case c)
      throws Exception {
    try (RawMqtt receiver = rawConnect(broker.port(), c)) {
      int granted = receiver.subscribeAndWait(1, c.topic(), 1);
      assertThat(granted).as("SUBACK for %s", c).isEqualTo(1);
      observer.publish(c.topic(), "probe");
      return receiver.topicsReceivedBeforePing().contains(c.topic());
    }
  }

  private static boolean subscribeGranted(MosquittoBroker broker, Case c) throws Exception {
    try (RawMqtt client = rawConnect(broker.port(), c)) {
      return client.subscribeAndWait(1, c.topic(), 1) != 0x80;
    }
  }

  private static RawMqtt rawConnect(int port, Case c) throws java.io.IOException {
    RawMqtt raw = new RawMqtt(port);
    int code = raw.connect(c.clientId(), 60, true, c.username());
    if (code != 0) {
      raw.close();
      throw new java.io.IOException("connection refused: CONNACK code " + code);
    }
    return raw;
  }

  /** Paho clients for the publish cases, one connection per identity. */
  private static final class Probers implements AutoCloseable {
    private final MosquittoBroker broker;
    private final Map<List<String>, MqttClient> clients = new LinkedHashMap<>();

    Probers(MosquittoBroker broker) {
      this.broker = broker;
    }

    void publish(Case c) throws MqttException {
      List<String> identity = new ArrayList<>();
      identity.add(c.clientId());
      identity.add(c.username());
      MqttClient client = clients.get(identity);
      if (client == null) {
        client = new MqttClient(broker.uri(), c.clientId(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        if (c.username() != null) {
          options.setUserName(c.username());
        }
        client.connect(options);
        clients.put(identity, client);
      }
      client.publish(c.topic(), Observer.PROBE, 1, false);
    }

    @Override
    public void close() throws MqttException {
      for (MqttClient client : clients.values()) {
        client.disconnect();
        client.close();
      }
    }
  }

  /** The privileged subscriber that sees every message the broker accepts. */
  private static final class Observer implements AutoCloseable {
    static final byte[] PROBE = "probe".getBytes(StandardCharsets.UTF_8);

    @FunctionalInterface
    interface Action {
      void run() throws Exception;
    }

    private final MqttClient client;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private int sentinels;

    Observer(MosquittoBroker broker) throws MqttException {
      client = new MqttClient(broker.uri(), OBSERVER, new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setUserName(OBSERVER);
      client.connect(options);
      IMqttMessageListener listener = this::arrived;
      client.subscribe(new String[] {"#", "$dev/#", "$other/#"}, new int[] {1, 1, 1},
          new IMqttMessageListener[] {listener, listener, listener});
    }

    private void arrived(String topic, MqttMessage message) {
      received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
    }

    /** Whether a probe published by {@code action} reached the broker's subscribers. */
    boolean sees(Action action) throws Exception {
      received.clear();
      action.run();
      String sentinel = "sentinel-" + ++sentinels;
      publish("__sentinel", sentinel);
      boolean probe = false;
      while (true) {
        String payload = received.poll(10, TimeUnit.SECONDS);
        if (payload == null) {
          return fail("the observer did not receive its sentinel");
        }
        if (payload.equals(sentinel)) {
          return probe;
        }
        probe |= payload.equals("probe");
      }
    }

    void publish(String topic, String payload) throws MqttException {
      client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Override
    public void close() throws MqttException {
      client.disconnect();
      client.close();
    }
  }
}
