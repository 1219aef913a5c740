package io.edgegateway.spool;

import io.edgegateway.iotcore.Arrival;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What IoT Core accepted from {@link SequenceDevice}s, in order, each with the run of the gateway during
 * which it arrived (the test says when a run ends). Safe from any thread.
 */
final class ArrivalsByRun {

  /** One arrival: during which run, on which connection (the simulator's connection id), which message. */
  record Seen(int run, String connectionId, DeviceMessage message) {
  }

  private final List<Seen> seen = new ArrayList<>();
  private final Set<DeviceMessage> arrived = new HashSet<>();
  private int run;
  private Set<DeviceMessage> awaited = new HashSet<>();
  private CompletableFuture<Void> allArrived;

  synchronized void add(Arrival a) {
    DeviceMessage message = DeviceMessage.of(a);
    seen.add(new Seen(run, a.connectionId(), message));
    arrived.add(message);
    if (awaited.remove(message) && awaited.isEmpty()) {
      allArrived.complete(null);
    }
  }

  /** Arrivals from now on count for the next run. */
  synchronized void nextRun() {
    run++;
  }

  /** Completes once every one of {@code wanted} has arrived at least once. */
  synchronized CompletableFuture<Void> awaitAll(Set<DeviceMessage> wanted) {
    awaited = new HashSet<>(wanted);
    awaited.removeAll(arrived);
    allArrived = new CompletableFuture<>();
    if (awaited.isEmpty()) {
      allArrived.complete(null);
    }
    return allArrived;
  }

  synchronized List<Seen> seen() {
    return List.copyOf(seen);
  }
}
