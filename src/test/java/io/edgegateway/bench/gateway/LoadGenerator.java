package io.edgegateway.bench.gateway;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Devices: Paho MQTT 3.1.1 async clients on one local port, each publishing to {@code sensors/<id>/data}. A
 * payload's first 8 bytes are {@link System#nanoTime} at the send and the next 4 the phase, so that the
 * simulator's arrivals (in this JVM) give the latency and can be told apart by phase. In the SIGKILL phase
 * ({@link #ledgered}) the next 12 bytes tag each message with its device (4 bytes) and that device's sequence
 * number (8 bytes), and devices whose connection dropped connect again.
 */
final class LoadGenerator implements AutoCloseable {
  private static final int MAX_INFLIGHT = 1000;
  /** Every device's client id (and, signing in as itself, its username) is this and its number. */
  static final String DEVICE_PREFIX = "bench-device-";
  /** A tagged payload's bytes: send time, phase, device, sequence. */
  static final int TAG_BYTES = 8 + 4 + 4 + 8;

  private final List<MqttAsyncClient> clients = new ArrayList<>();
  private final List<MqttConnectOptions> options = new ArrayList<>();
  private final int payloadBytes;
  private final AtomicLong failures = new AtomicLong();
  private double connectSeconds;

  private LoadGenerator(int payloadBytes) {
    this.payloadBytes = payloadBytes;
  }

  static LoadGenerator connect(int port, int devices, int payloadBytes) throws Exception {
    return connect(port, devices, payloadBytes, null);
  }

  /**
   * Connects {@code devices} devices at once, client ids {@link #DEVICE_PREFIX}{@code <n>}; with {@code password}
   * each also logs in as itself, username its client id and password {@code password.apply(n)}. Fails if one is
   * not connected within {@code 20 s + devices / 10 s} ({@link #connectSeconds()}: until the last CONNACK).
   */
  static LoadGenerator connect(int port, int devices, int payloadBytes, IntFunction<String> password)
      throws Exception {
    LoadGenerator generator = new LoadGenerator(payloadBytes);
    List<IMqttToken> connecting = new ArrayList<>();
    long timeoutSeconds = 20 + devices / 10;
    long start = System.nanoTime();
    for (int d = 0; d < devices; d++) {
      MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, DEVICE_PREFIX + d,
          new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
      options.setCleanSession(true);
      options.setAutomaticReconnect(false);
      options.setMaxInflight(MAX_INFLIGHT);
      options.setConnectionTimeout((int) timeoutSeconds);
      if (password != null) {
        options.setUserName(DEVICE_PREFIX + d);
        options.setPassword(password.apply(d).toCharArray());
      }
      generator.clients.add(client);
      generator.options.add(options);
      connecting.add(client.connect(options));
    }
    long deadline = start + timeoutSeconds * 1_000_000_000L;
    for (IMqttToken token : connecting) {
      try {
        token.waitForCompletion(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (Exception e) {
        generator.close();
        throw new IllegalStateException(token.getClient().getClientId() + " not connected after "
            + (System.nanoTime() - start) / 1_000_000_000L + " s", e);
      }
    }
    generator.connectSeconds = (System.nanoTime() - start) / 1e9;
    return generator;
  }

  /** From the first CONNECT sent to the last CONNACK received, seconds. */
  double connectSeconds() {
    return connectSeconds;
  }

  /** Publishes that failed (refused or lost connection) so far. */
  long failures() {
    return failures.get();
  }

  /**
   * Throughput mode: every device keeps {@code window} publishes outstanding (QoS 1: until its PUBACK; QoS 0:
   * until written) for {@code duration}. Returns how many completed between {@code countFrom} and
   * {@code countUntil} ({@link System#nanoTime}).
   */
  long windowed(int qos, int window, Duration duration, int phase, long countFrom, long countUntil)
      throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong completed = new AtomicLong();
    for (int d = 0; d < clients.size(); d++) {
      MqttAsyncClient client = clients.get(d);
      String topic = "sensors/" + client.getClientId() + "/data";
      for (int w = 0; w < window; w++) {
        new Lane(client, topic, qos, phase, running, () -> {
          long now = System.nanoTime();
          if (now >= countFrom && now < countUntil) {
            completed.incrementAndGet();
          }
        }).next();
      }
    }
    Thread.sleep(duration.toMillis());
    running.set(false);
    return completed.get();
  }

  /**
   * Latency mode: {@code totalRate} publishes per second spread evenly over the devices, for {@code duration}.
   * Returns how many were sent between {@code countFrom} and {@code countUntil}.
   */
  long paced(int qos, double totalRate, Duration duration, int phase, long countFrom, long countUntil)
      throws InterruptedException {
    AtomicLong sent = new AtomicLong();
    long periodNanos = (long) (clients.size() * 1e9 / totalRate);
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    try {
      for (int d = 0; d < clients.size(); d++) {
        MqttAsyncClient client = clients.get(d);
        String topic = "sensors/" + client.getClientId() + "/data";
        timer.scheduleAtFixedRate(() -> {
          long now = System.nanoTime();
          if (publish(client, topic, qos, phase, null) && now >= countFrom && now < countUntil) {
            sent.incrementAndGet();
          }
        }, d * periodNanos / clients.size(), periodNanos, TimeUnit.NANOSECONDS);
      }
      Thread.sleep(duration.toMillis());
    } finally {
      timer.shutdownNow();
      timer.awaitTermination(5, TimeUnit.SECONDS);
    }
    return sent.get();
  }

  /**
   * SIGKILL mode: {@code totalRate} QoS 1 publishes per second spread evenly over the devices, each payload
   * tagged with (device, sequence), until {@link Ledgered#stop()}. Every PUBACK is entered in the ledger. A
   * device found disconnected at its turn connects again (its publish for that turn is not sent).
   */
  Ledgered ledgered(double totalRate, int phase, DeliveryLedger ledger) {
    return new Ledgered(totalRate, phase, ledger, 0);
  }

  /** As above, each device's sequence numbers starting after {@code firstSequence}: two loads can share a ledger. */
  Ledgered ledgered(double totalRate, int phase, DeliveryLedger ledger, long firstSequence) {
    return new Ledgered(totalRate, phase, ledger, firstSequence);
  }

  /** A running SIGKILL-mode load. */
  final class Ledgered {
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    private Ledgered(double totalRate, int phase, DeliveryLedger ledger, long firstSequence) {
      long periodNanos = (long) (clients.size() * 1e9 / totalRate);
      for (int d = 0; d < clients.size(); d++) {
        int device = d;
        MqttAsyncClient client = clients.get(d);
        String topic = "sensors/" + client.getClientId() + "/data";
        AtomicLong sequence = new AtomicLong(firstSequence);
        AtomicBoolean connecting = new AtomicBoolean();
        timer.scheduleAtFixedRate(() -> {
          if (!client.isConnected()) {
            reconnect(device, connecting);
            return;
          }
          long seq = sequence.incrementAndGet();
          byte[] payload = new byte[Math.max(payloadBytes, TAG_BYTES)];
          ByteBuffer.wrap(payload).putLong(System.nanoTime()).putInt(phase).putInt(device).putLong(seq);
          outstanding.incrementAndGet();
          try {
            client.publish(topic, payload, 1, false, null, new IMqttActionListener() {
              @Override
              public void onSuccess(IMqttToken token) {
                ledger.acknowledged(device, seq);
                outstanding.decrementAndGet();
              }

              @Override
              public void onFailure(IMqttToken token, Throwable e) {
                failures.incrementAndGet();
                outstanding.decrementAndGet();
              }
            });
            published.incrementAndGet();
          } catch (Exception e) {
            failures.incrementAndGet();
            outstanding.decrementAndGet();
          }
        }, d * periodNanos / clients.size(), periodNanos, TimeUnit.NANOSECONDS);
      }
    }

    private void reconnect(int device, AtomicBoolean connecting) {
      if (!connecting.compareAndSet(false, true)) {
        return;
      }
      try {
        clients.get(device).connect(options.get(device), null, new IMqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            reconnects.incrementAndGet();
            connecting.set(false);
          }

          @Override
          public void onFailure(IMqttToken token, Throwable e) {
            connecting.set(false);
          }
        });
      } catch (Exception e) {
        connecting.set(false);
      }
    }

    /** Stops publishing; those sent may still be acknowledged. */
    void stop() throws InterruptedException {
      timer.shutdownNow();
      timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Publishes handed to the clients. */
    long published() {
      return published.get();
    }

    /** Publishes neither acknowledged nor failed yet. */
    long outstanding() {
      return outstanding.get();
    }

    /** Successful reconnections. */
    long reconnects() {
      return reconnects.get();
    }
  }

  private boolean publish(MqttAsyncClient client, String topic, int qos, int phase, IMqttActionListener listener) {
    byte[] payload = new byte[payloadBytes];
    ByteBuffer.wrap(payload).putLong(System.nanoTime()).putInt(phase);
    try {
      client.publish(topic, payload, qos, false, null, listener);
      return true;
    } catch (Exception e) {
      failures.incrementAndGet();
      return false;
    }
  }

  /** One outstanding publish of a device in throughput mode: when it completes, the next one is sent. */
  private final class Lane implements IMqttActionListener {
    private final MqttAsyncClient client;
    private final String topic;
    private final int qos;
    private final int phase;
    private final AtomicBoolean running;
    private final Runnable onCompleted;

    Lane(MqttAsyncClient client, String topic, int qos, int phase, AtomicBoolean running, Runnable onCompleted) {
      this.client = client;
      this.topic = topic;
      this.qos = qos;
      this.phase = phase;
      this.running = running;
      this.onCompleted = onCompleted;
    }

    void next() {
      if (running.get()) {
        publish(client, topic, qos, phase, this);
      }
    }

    @Override
    public void onSuccess(IMqttToken token) {
      onCompleted.run();
      next();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable e) {
      failures.incrementAndGet();
    }
  }

  @Override
  public void close() {
    for (MqttAsyncClient client : clients) {
      try {
        client.disconnectForcibly(0, 100, false);
      } catch (Exception e) {
        // not connected any more
      }
      try {
        client.close(true);
      } catch (Exception e) {
        // closing anyway
      }
    }
  }
}
