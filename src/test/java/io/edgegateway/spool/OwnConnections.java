package io.edgegateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * An outlet where every device has a connection of its own, keyed by its client id, as in the upstream's
 * per-device mode. Each connection is up unless set down, and acknowledges a message a millisecond after it
 * was handed the message, so that messages are outstanding long enough to count them. It records, in one
 * order, what it was sent and what the drain said it holds, and the most messages outstanding per
 * connection and in all.
 */
final class OwnConnections implements SpoolOutlet {

  /** Something the drain did, in the order it did it: {@code detail} the payload sent, or for a let-go the messages outstanding. */
  record Event(String kind, String device, String detail) {
  }

  private final Vertx vertx;
  private final ToIntFunction<String> window;
  private final Set<String> down = ConcurrentHashMap.newKeySet();
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  private final Map<Object, AtomicInteger> outstanding = new ConcurrentHashMap<>();
  private final Map<Object, Integer> mostOutstanding = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final AtomicInteger mostInAll = new AtomicInteger();
  private final List<Event> events = new CopyOnWriteArrayList<>();

  OwnConnections(Vertx vertx, ToIntFunction<String> window) {
    this.vertx = vertx;
    this.window = window;
  }

  void setDown(String device) {
    down.add(device);
  }

  void setUp(String device) {
    down.remove(device);
  }

  @Override
  public Object connectionOf(String deviceClientId) {
    return deviceClientId;
  }

  @Override
  public boolean connected(Object connection) {
    return !down.contains((String) connection);
  }

  @Override
  public int window(Object connection) {
    return window.applyAsInt((String) connection);
  }

  @Override
  public Future<Void> send(SpooledMessage message) {
    String device = message.deviceClientId();
    events.add(new Event("send", device, message.payload().toString()));
    int onIt = outstanding.computeIfAbsent(device, key -> new AtomicInteger()).incrementAndGet();
    mostOutstanding.merge(device, onIt, Math::max);
    mostInAll.accumulateAndGet(total.incrementAndGet(), Math::max);
    Promise<Void> acknowledged = Promise.promise();
    vertx.setTimer(1, id -> {
      // no longer counted before the drain learns of it: the drain's own count is never below this one
      outstanding.get(device).decrementAndGet();
      total.decrementAndGet();
      acknowledged.complete();
    });
    return acknowledged.future();
  }

  @Override
  public void holding(String deviceClientId, boolean holding) {
    AtomicInteger onIt = outstanding.get(deviceClientId);
    events.add(holding ? new Event("hold", deviceClientId, null)
        : new Event("let go", deviceClientId, String.valueOf(onIt == null ? 0 : onIt.get())));
    if (holding) {
      held.add(deviceClientId);
    } else {
      held.remove(deviceClientId);
    }
  }

  /** The payloads sent for {@code device}, in the order they were sent. */
  List<String> sent(String device) {
    return events.stream().filter(e -> e.kind().equals("send") && e.device().equals(device))
        .map(Event::detail).toList();
  }

  /** Devices the drain said it holds messages of, and has not said since that it no longer does. */
  Set<String> held() {
    return Set.copyOf(held);
  }

  int mostOutstanding(String device) {
    return mostOutstanding.getOrDefault(device, 0);
  }

  int mostOutstandingInAll() {
    return mostInAll.get();
  }

  /**
   * Checks that the drain said it holds the device's messages before sending any, and that it no longer
   * does only once all were back, alternately and ending with the latter; returns how often it said it holds them.
   */
  int holdsAlternately(String device) {
    boolean holding = false;
    int holds = 0;
    for (Event e : events) {
      if (!e.device().equals(device)) {
        continue;
      }
      switch (e.kind()) {
        case "hold" -> {
          assertThat(holding).as("%s: held again without being let go (%s)", device, events).isFalse();
          holding = true;
          holds++;
        }
        case "send" -> assertThat(holding).as("%s: sent while not held (%s)", device, events).isTrue();
        default -> {
          assertThat(holding).as("%s: let go while not held (%s)", device, events).isTrue();
          assertThat(e.detail()).as("%s: let go with messages outstanding", device).isEqualTo("0");
          holding = false;
        }
      }
    }
    assertThat(holding).as("%s: still held at the end", device).isFalse();
    return holds;
  }
}
