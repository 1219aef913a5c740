package io.edgegateway.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testing.Brokers;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V3Device;
import io.edgegateway.testing.V5Device;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Device-to-device delivery through the local broker, with real Paho clients on both ends. */
@ExtendWith(VertxExtension.class)
class PublishSubscribeTest {

  private int port;
  private LocalBroker broker;

  @BeforeEach
  void start(Vertx vertx) {
    broker = Brokers.deploy(vertx, TestConfigs.anonymous());
    port = Brokers.lan(broker);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void eachQosIsDeliveredFromMqtt311ToMqtt5AndBack(int qos) throws Exception {
    try (V3Device v3 = V3Device.connect(port, "v3"); V5Device v5 = V5Device.connect(port, "v5")) {
      v3.subscribe("from/v5", 2);
      v5.subscribe("from/v3", 2);
      v3.publish("from/v3", "hello five", qos, false);
      v5.publish("from/v5", "hello three", qos, false);
      V5Device.Received at5 = v5.next();
      V3Device.Received at3 = v3.next();
      assertThat(at5.topic()).isEqualTo("from/v3");
      assertThat(at5.payload()).isEqualTo("hello five");
      assertThat(at5.qos()).isEqualTo(qos);
      assertThat(at3.payload()).isEqualTo("hello three");
      assertThat(at3.qos()).isEqualTo(qos);
    }
  }

  @Test
  void deliveredQosIsTheLowerOfPublishedAndGranted() throws Exception {
    try (V3Device sub = V3Device.connect(port, "sub"); V3Device pub = V3Device.connect(port, "pub")) {
      sub.subscribe("q/0", 0);
      sub.subscribe("q/1", 1);
      pub.publish("q/0", "a", 2, false);
      pub.publish("q/1", "b", 2, false);
      V3Device.Received first = sub.next();
      V3Device.Received second = sub.next();
      assertThat(List.of(first.qos(), second.qos())).containsExactly(0, 1);
    }
  }

  @Test
  void wildcardsMatchThroughTheTopicTree() throws Exception {
    try (V5Device sub = V5Device.connect(port, "sub"); V5Device pub = V5Device.connect(port, "pub")) {
      sub.subscribe("site/+/temp", 1);
      sub.subscribe("alarms/#", 1);
      for (String t : List.of("site/a/temp", "site/a/b/temp", "alarms", "alarms/x/y", "site/b/temp", "other")) {
        pub.publish(t, t, 1, false);
      }
      pub.publish("alarms/end", "end", 1, false);
      List<String> got = new ArrayList<>();
      String p;
      do {
        p = sub.next().payload();
        got.add(p);
      } while (!p.equals("end"));
      assertThat(got).containsExactly("site/a/temp", "alarms", "alarms/x/y", "site/b/temp", "end");
    }
  }

  @Test
  void overlappingSubscriptionsDeliverOnceWithTheHighestQosAndEverySubscriptionId() throws Exception {
    try (V5Device sub = V5Device.connect(port, "sub"); V5Device pub = V5Device.connect(port, "pub")) {
      MqttProperties id7 = subscriptionId(7);
      MqttProperties id9 = subscriptionId(9);
      sub.subscribe(new MqttSubscription("a/#", 0), id7);
      sub.subscribe(new MqttSubscription("a/b", 1), id9);
      pub.publish("a/b", "x", 1, false);
      pub.publish("a/end", "end", 1, false);
      V5Device.Received r = sub.next();
      assertThat(r.qos()).isEqualTo(1);
      assertThat(r.properties().getSubscriptionIdentifiers()).containsExactlyInAnyOrder(7, 9);
      assertThat(sub.next().payload()).isEqualTo("end");
    }
  }

  @Test
  void noLocalKeepsADevicesOwnMessagesFromIt() throws Exception {
    try (V5Device d = V5Device.connect(port, "self"); V5Device other = V5Device.connect(port, "other")) {
      MqttSubscription s = new MqttSubscription("chat", 1);
      s.setNoLocal(true);
      d.subscribe(s, new MqttProperties());
      d.publish("chat", "mine", 1, false);
      other.publish("chat", "theirs", 1, false);
      assertThat(d.next().payload()).isEqualTo("theirs");
    }
  }

  @Test
  void sharedSubscriptionDeliversEachMessageToExactlyOneMemberInRotation() throws Exception {
    try (V5Device a = V5Device.connect(port, "worker-a"); V5Device b = V5Device.connect(port, "worker-b");
         V5Device pub = V5Device.connect(port, "producer")) {
      a.subscribe("$share/workers/jobs/#", 1);
      b.subscribe("$share/workers/jobs/#", 1);
      a.subscribe("done", 1);
      b.subscribe("done", 1);
      for (int i = 0; i < 10; i++) {
        pub.publish("jobs/" + i, "job-" + i, 1, false);
      }
      pub.publish("done", "done", 1, false);
      List<String> atA = untilDone(a);
      List<String> atB = untilDone(b);
      // round robin: five each, and together every job exactly once
      assertThat(atA).hasSize(5);
      assertThat(atB).hasSize(5);
      List<String> all = new ArrayList<>(atA);
      all.addAll(atB);
      assertThat(all).doesNotHaveDuplicates().hasSize(10);
    }
  }

  @Test
  void retainedMessageReachesLaterSubscribersAndAnEmptyPayloadClearsIt() throws Exception {
    try (V3Device pub = V3Device.connect(port, "pub")) {
      pub.publish("status/door", "open", 1, true);
      try (V3Device late = V3Device.connect(port, "late")) {
        late.subscribe("status/#", 1);
        V3Device.Received r = late.next();
        assertThat(r.payload()).isEqualTo("open");
        assertThat(r.retained()).isTrue();
        // a retained message that arrives while subscribed is forwarded without the flag
        pub.publish("status/door", "closed", 1, true);
        V3Device.Received live = late.next();
        assertThat(live.payload()).isEqualTo("closed");
        assertThat(live.retained()).isFalse();
      }
      pub.publish("status/door", "", 1, true);
      pub.publish("status/window", "shut", 1, true);
      try (V3Device later = V3Device.connect(port, "later")) {
        later.subscribe("status/#", 1);
        assertThat(later.next().payload()).isEqualTo("shut");
        pub.publish("status/end", "end", 1, false);
        assertThat(later.next().payload()).isEqualTo("end");
      }
    }
  }

  @Test
  void retainedBytesAreBounded(Vertx vertx) throws Exception {
    LocalBroker small = Brokers.deploy(vertx, TestConfigs.withSessions(
        new io.edgegateway.config.SessionConfig(1000, java.time.Duration.ofHours(1), 100, 32 << 20, 25_000, 10_000)));
    int p = Brokers.lan(small);
    String tenKb = "y".repeat(10_000);
    try (V3Device pub = V3Device.connect(p, "pub")) {
      pub.publish("keep/a", "a" + tenKb, 1, true);
      pub.publish("keep/b", "b" + tenKb, 1, true);
      pub.publish("keep/c", "c" + tenKb, 1, true);
    }
    try (V3Device late = V3Device.connect(p, "late"); V3Device pub = V3Device.connect(p, "pub")) {
      late.subscribe("keep/#", 1);
      // retained messages come in no particular order: compare the first letters
      assertThat(List.of(late.next().payload().charAt(0), late.next().payload().charAt(0)))
          .containsExactlyInAnyOrder('a', 'b');
      pub.publish("keep/end", "end", 1, false);
      assertThat(late.next().payload()).isEqualTo("end");
    }
    assertThat(small.stats().drops(BrokerStats.Drop.RETAINED_STORE_FULL)).isEqualTo(1);
  }

  @Test
  void retainHandlingTwoSendsNoRetainedMessages() throws Exception {
    try (V5Device pub = V5Device.connect(port, "pub"); V5Device sub = V5Device.connect(port, "sub")) {
      pub.publish("cfg/a", "retained", 1, true);
      MqttSubscription s = new MqttSubscription("cfg/#", 1);
      s.setRetainHandling(2);
      sub.subscribe(s, new MqttProperties());
      pub.publish("cfg/b", "live", 1, false);
      assertThat(sub.next().payload()).isEqualTo("live");
    }
  }

  @Test
  void qos2IsDeliveredExactlyOnceAndPropertiesPassThrough() throws Exception {
    try (V5Device pub = V5Device.connect(port, "pub"); V5Device sub = V5Device.connect(port, "sub")) {
      sub.subscribe("exact", 2);
      MqttMessage m = new MqttMessage("once".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      m.setQos(2);
      MqttProperties p = new MqttProperties();
      p.setContentType("text/plain");
      p.setResponseTopic("replies/1");
      m.setProperties(p);
      pub.publish("exact", m);
      pub.publish("exact", "end", 2, false);
      V5Device.Received r = sub.next();
      assertThat(r.payload()).isEqualTo("once");
      assertThat(r.qos()).isEqualTo(2);
      assertThat(r.properties().getContentType()).isEqualTo("text/plain");
      assertThat(r.properties().getResponseTopic()).isEqualTo("replies/1");
      assertThat(sub.next().payload()).isEqualTo("end");
    }
  }

  /** SUBSCRIBE properties with one Subscription Identifier, in the two places Paho 1.2.5 reads it from. */
  private static MqttProperties subscriptionId(int id) {
    MqttProperties p = new MqttProperties();
    p.setSubscriptionIdentifier(id);
    p.setSubscriptionIdentifiers(List.of(id));
    return p;
  }

  private static List<String> untilDone(V5Device d) throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (String p = d.next().payload(); !p.equals("done"); p = d.next().payload()) {
      out.add(p);
    }
    return out;
  }
}
