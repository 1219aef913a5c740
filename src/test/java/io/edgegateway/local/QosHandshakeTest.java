package io.edgegateway.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testing.Brokers;
import io.edgegateway.testing.RawMqtt;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V3Device;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The device-side QoS 1 and 2 handshakes, including resends only a raw socket can produce. */
@ExtendWith(VertxExtension.class)
class QosHandshakeTest {

  @Test
  void aResentQos2PublishIsDeliveredOnlyOnce(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous());
    int port = Brokers.lan(broker);
    try (V3Device sub = V3Device.connect(port, "sub"); RawMqtt raw = new RawMqtt(port)) {
      sub.subscribe("q2/#", 2);
      assertThat(raw.connect("raw", 60)).isZero();
      raw.publish("q2/a", "first", 2, 7, false);
      RawMqtt.Packet pubrec = raw.read();
      assertThat(pubrec.type()).isEqualTo(5);
      // the device did not see the PUBREC and sends the same packet again, DUP set
      raw.publish("q2/a", "first", 2, 7, true);
      assertThat(raw.read().type()).isEqualTo(5);
      raw.pubrel(7);
      RawMqtt.Packet pubcomp = raw.read();
      assertThat(pubcomp.type()).isEqualTo(7);
      assertThat(pubcomp.body()).containsExactly(0, 7);
      // the packet id is free again: a new message with it is a new message
      raw.publish("q2/b", "second", 2, 7, false);
      assertThat(raw.read().type()).isEqualTo(5);
      raw.pubrel(7);
      assertThat(raw.read().type()).isEqualTo(7);

      assertThat(sub.next().payload()).isEqualTo("first");
      assertThat(sub.next().payload()).isEqualTo("second");
      assertThat(broker.stats().messagesReceived()).isEqualTo(3);
    }
  }

  @Test
  void qos1IsAcknowledgedWithItsPacketId(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous());
    try (RawMqtt raw = new RawMqtt(Brokers.lan(broker))) {
      assertThat(raw.connect("raw1", 60)).isZero();
      raw.publish("q1", "x", 1, 4242, false);
      RawMqtt.Packet puback = raw.read();
      assertThat(puback.type()).isEqualTo(4);
      assertThat(((puback.body()[0] & 0xFF) << 8) | (puback.body()[1] & 0xFF)).isEqualTo(4242);
    }
  }

  @Test
  void publishesAreAcknowledgedOnlyWhenTheIngressSaysTheyAreSafe(Vertx vertx) throws Exception {
    io.vertx.core.Promise<Void> safe = io.vertx.core.Promise.promise();
    java.util.concurrent.CompletableFuture<String> handedOver = new java.util.concurrent.CompletableFuture<>();
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous(),
        new io.edgegateway.local.access.DeviceAuthenticator(null),
        io.edgegateway.local.access.TopicAccess.ALLOW_ALL,
        m -> {
          handedOver.complete(m.topic());
          return safe.future();
        });
    try (RawMqtt raw = new RawMqtt(Brokers.lan(broker))) {
      assertThat(raw.connect("raw-safe", 60)).isZero();
      raw.publish("durable", "x", 1, 1, false);
      assertThat(handedOver.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("durable");
      // nothing may arrive before the ingress completes: PINGREQ/PINGRESP proves the link is idle otherwise
      raw.send(0xC0, new byte[0]);
      assertThat(raw.read().type()).isEqualTo(13);
      vertx.runOnContext(v -> safe.complete());
      assertThat(raw.read().type()).isEqualTo(4);
    }
  }

  @Test
  void noMoreThanTheInflightWindowIsSentUnacknowledged(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.withLimits(l -> l.maxInflight(3)));
    int port = Brokers.lan(broker);
    try (RawMqtt slow = new RawMqtt(port); V3Device pub = V3Device.connect(port, "pub")) {
      assertThat(slow.connect("slow", 60)).isZero();
      slow.subscribe(1, "w", 1);
      assertThat(slow.read().type()).isEqualTo(9);
      for (int i = 0; i < 10; i++) {
        pub.publish("w", "m" + i, 1, false);
      }
      // three arrive; the fourth only after one of them is acknowledged; PINGRESP shows nothing else came
      RawMqtt.Packet[] first = {slow.read(), slow.read(), slow.read()};
      slow.send(0xC0, new byte[0]);
      assertThat(slow.read().type()).isEqualTo(13);
      assertThat(RawMqtt.payload(first[0])).isEqualTo("m0");
      slow.puback(RawMqtt.packetId(first[0]));
      assertThat(RawMqtt.payload(slow.read())).isEqualTo("m3");
    }
  }

  @Test
  void unacknowledgedMessagesAreSentAgainWithDupAfterReconnect(Vertx vertx) throws Exception {
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous());
    int port = Brokers.lan(broker);
    try (V3Device pub = V3Device.connect(port, "pub")) {
      int firstId;
      try (RawMqtt device = new RawMqtt(port)) {
        assertThat(device.connect("forgetful", 60, false)).isZero();
        device.subscribe(1, "cmd", 1);
        assertThat(device.read().type()).isEqualTo(9);
        pub.publish("cmd", "reboot", 1, false);
        RawMqtt.Packet p = device.read();
        assertThat(p.flags() & 0x08).isZero();
        firstId = RawMqtt.packetId(p);
      } // gone without acknowledging
      try (RawMqtt device = new RawMqtt(port)) {
        assertThat(device.connect("forgetful", 60, false)).isZero();
        RawMqtt.Packet again = device.read();
        assertThat(again.type()).isEqualTo(3);
        assertThat(again.flags() & 0x08).as("DUP flag").isEqualTo(0x08);
        assertThat(RawMqtt.packetId(again)).isEqualTo(firstId);
        assertThat(RawMqtt.payload(again)).isEqualTo("reboot");
      }
    }
  }

  @Test
  void resentQos2IsAcknowledgedOnlyOnceTheOriginalIsSafe(Vertx vertx) throws Exception {
    io.vertx.core.Promise<Void> safe = io.vertx.core.Promise.promise();
    java.util.concurrent.atomic.AtomicInteger handedOver = new java.util.concurrent.atomic.AtomicInteger();
    LocalBroker broker = Brokers.deploy(vertx, TestConfigs.anonymous(),
        new io.edgegateway.local.access.DeviceAuthenticator(null),
        io.edgegateway.local.access.TopicAccess.ALLOW_ALL,
        m -> {
          handedOver.incrementAndGet();
          return safe.future();
        });
    try (RawMqtt raw = new RawMqtt(Brokers.lan(broker))) {
      assertThat(raw.connect("raw-q2", 60)).isZero();
      raw.publish("durable", "x", 2, 5, false);
      raw.publish("durable", "x", 2, 5, true);
      raw.send(0xC0, new byte[0]);
      // no PUBREC yet: the original is not safe; the resend is neither acknowledged nor delivered again
      assertThat(raw.read().type()).isEqualTo(13);
      assertThat(handedOver.get()).isEqualTo(1);
      vertx.runOnContext(v -> safe.complete());
      assertThat(raw.read().type()).isEqualTo(5);
      raw.pubrel(5);
      assertThat(raw.read().type()).isEqualTo(7);
    }
  }
}
