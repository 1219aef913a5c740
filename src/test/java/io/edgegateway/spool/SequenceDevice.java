package io.edgegateway.spool;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A device that publishes a numbered sequence at QoS 1 on {@code sensors/<client id>} (the payload is the
 * number), as fast as its window of unacknowledged messages allows, through Paho's asynchronous client
 * (MQTT 3.1.1 or 5). The numbering goes on over connections; a number whose message was not acknowledged
 * is not used again, so each number is one message. What counts as acknowledged is read from Paho's tokens
 * once the connection is over: a PUBACK with a success reason code.
 */
abstract class SequenceDevice {

  /** Unacknowledged messages a device keeps in flight (the gateway allows 32). */
  static final int WINDOW = 16;

  /** What became of one publish. */
  enum Outcome { ACKNOWLEDGED, REFUSED, NO_ANSWER }

  /** One publish handed to Paho: its token, read once the connection is over. */
  interface Publish {
    Outcome outcome();

    void awaitAnswer(long millis) throws Exception;
  }

  private record Sent(int number, Publish publish) {
  }

  final String clientId;
  private final Set<Integer> published = new TreeSet<>();
  private final Set<Integer> acknowledged = new TreeSet<>();
  private final Set<Integer> refused = new TreeSet<>();
  private int next;
  // the current connection
  private List<Sent> sent = new ArrayList<>();
  private Semaphore window;
  private volatile boolean stopping;
  private Thread publisher;
  private CompletableFuture<Void> lost;
  private volatile Exception publishFailure;

  SequenceDevice(String clientId) {
    this.clientId = clientId;
  }

  static SequenceDevice v3(String clientId) {
    return new SequenceDeviceV3(clientId);
  }

  static SequenceDevice v5(String clientId) {
    return new SequenceDeviceV5(clientId);
  }

  /** A connection being made; Paho takes a while, so tests connect their devices together. */
  interface Connecting {
    void await() throws Exception;
  }

  /** Starts connecting (a new client, clean session) to the gateway on {@code port}. */
  final Connecting connect(int port) throws Exception {
    window = new Semaphore(WINDOW);
    stopping = false;
    publishFailure = null;
    CompletableFuture<Void> lostNow = new CompletableFuture<>();
    Semaphore windowNow = window;
    lost = lostNow;
    // Paho's own limit above ours, so that it never refuses a publish while an acknowledgement is being handled
    return open("tcp://127.0.0.1:" + port, 2 * WINDOW, () -> {
      lostNow.complete(null);
      windowNow.release(); // wakes the publisher, which then sees that the connection is gone
    });
  }

  /** Starts publishing; {@code onAcknowledged} runs (on a Paho thread) for each successful PUBACK. */
  final void start(Runnable onAcknowledged) {
    publisher = new Thread(() -> publishAll(onAcknowledged), clientId + "-publisher");
    publisher.setDaemon(true);
    publisher.start();
  }

  private void publishAll(Runnable onAcknowledged) {
    // this connection's: a late callback of an earlier client must not touch a later one's window
    Semaphore window = this.window;
    CompletableFuture<Void> lost = this.lost;
    while (true) {
      window.acquireUninterruptibly();
      if (stopping || lost.isDone()) {
        return;
      }
      int n = next++;
      Publish p;
      try {
        p = publish("sensors/" + clientId, Integer.toString(n).getBytes(StandardCharsets.UTF_8), success -> {
          window.release();
          if (success) {
            onAcknowledged.run();
          }
        });
      } catch (Exception e) {
        // this number was never sent; expected when the connection is going, a failure of the test otherwise
        if (isConnected()) {
          publishFailure = e;
        }
        return;
      }
      synchronized (this) {
        published.add(n);
        sent.add(new Sent(n, p));
      }
    }
  }

  /** After the connection was lost: waits for the publisher to end, records the outcomes, closes the client. */
  final void settleLost() throws Exception {
    lost.get(20, TimeUnit.SECONDS);
    publisher.join(20_000);
    checkPublishFailure();
    settle();
    close();
  }

  /** Stops publishing; messages in flight still get their answers. */
  final void stop() {
    stopping = true;
    window.release();
  }

  /** After {@link #stop()}: waits for an answer to every message in flight, records the outcomes, disconnects. */
  final void settleStopped() throws Exception {
    publisher.join(20_000);
    List<Sent> pending;
    synchronized (this) {
      pending = List.copyOf(sent);
    }
    for (Sent s : pending) {
      try {
        s.publish().awaitAnswer(20_000);
      } catch (Exception noPubackOrNoneInTime) {
        // settle() tells which
      }
    }
    checkPublishFailure();
    settle();
    disconnect();
    close();
  }

  private void checkPublishFailure() {
    if (publishFailure != null) {
      throw new AssertionError(clientId + " could not publish on a live connection", publishFailure);
    }
  }

  private synchronized void settle() {
    for (Sent s : sent) {
      switch (s.publish().outcome()) {
        case ACKNOWLEDGED -> acknowledged.add(s.number());
        case REFUSED -> refused.add(s.number());
        case NO_ANSWER -> {
          // in flight when the connection ended
        }
      }
    }
    sent = new ArrayList<>();
  }

  /** Numbers handed to Paho, over all connections. */
  final synchronized Set<Integer> published() {
    return Set.copyOf(published);
  }

  /** Numbers whose PUBACK said success, over the connections settled so far. */
  final synchronized Set<Integer> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  /** Numbers the gateway refused with an MQTT 5 reason code. */
  final synchronized Set<Integer> refused() {
    return Set.copyOf(refused);
  }

  /** Opens a new client and starts connecting it; {@code onLost} runs when the connection is lost. */
  abstract Connecting open(String uri, int maxInflight, Runnable onLost) throws Exception;

  /** Publishes at QoS 1; {@code answered} is told whether the PUBACK said success (false: no PUBACK). */
  abstract Publish publish(String topic, byte[] payload, Consumer<Boolean> answered) throws Exception;

  abstract boolean isConnected();

  abstract void disconnect() throws Exception;

  abstract void close() throws Exception;
}
