package io.edgegateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testing.GatewayProcess;
import io.edgegateway.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as a process ({@code edge-gateway run}), killed with SIGKILL at random moments while
 * devices publish to it as fast as they can, and started again on the same spool, five times; sometimes
 * with IoT Core (the simulator, in this JVM, reached over TLS by the device SDK) gone at the kill. Then:
 * every message a device got a PUBACK for reached IoT Core; each device's messages first arrived in the
 * order it published them; only what was in flight at a kill (or when IoT Core went away) came twice.
 *
 * <p>The moments are random (a number of PUBACKs counted by the devices); the seed is printed, and
 * {@code -DcrashTest.seed=...} repeats a run.
 */
@ExtendWith(VertxExtension.class)
class GatewayCrashTest {

  private static final int DEVICES = 16;
  private static final int CONNECTIONS = 4;
  /** The link's queue; the drain hands it at most a quarter of that at a time. */
  private static final int MAX_QUEUED = 400;
  /**
   * Most messages that can reach IoT Core and still be in the spool when a run ends: the drain's window
   * (handed to the link, no PUBACK yet) and one more window read before the deletes of the first were
   * committed (deletes and reads share the spool writer's queue, so no more than that).
   */
  private static final int MAX_RESENT_PER_RUN = 2 * (MAX_QUEUED / 4);
  private static final String GATEWAY_ID = "crash-gateway";
  private static final String UPSTREAM_CLIENT_ID = "crash-gw";
  private static final String PASSWORD_ENV = "CRASH_TEST_COGNITO_PASSWORD";

  /** Where IoT Core is when a run of the gateway is killed. */
  private enum Link {
    UP("IoT Core up"),
    LOST("IoT Core stopped before the kill"),
    DOWN("IoT Core down the whole run");

    final String text;

    Link(String text) {
      this.text = text;
    }
  }

  private static final List<Link> KILLED_RUNS = List.of(Link.UP, Link.LOST, Link.DOWN, Link.UP, Link.UP);

  /** What the devices saw in one run of the gateway. */
  private record Run(int index, String what, long acknowledged, long inFlight, long refused) {
  }

  @TempDir
  Path dir;

  private Vertx vertx;
  private RestartableIotCore iotCore;
  private final ArrivalsByRun arrivals = new ArrivalsByRun();
  private final PubackCounter acks = new PubackCounter();
  private final List<SequenceDevice> devices = new ArrayList<>();
  private final Path logs = Path.of("target", "gateway-crash-test");
  private Path config;
  private GatewayProcess gateway;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    iotCore = RestartableIotCore.start(vertx);
    iotCore.onArrival(arrivals::add);
    config = Files.writeString(dir.resolve("gateway.yaml"), """
        gatewayId: %s
        listeners:
          - name: lan
            type: tcp
            host: 127.0.0.1
            port: 0
        %s
        spool:
          directory: "%s"
        forward:
          - filter: "sensors/#"
            topic: "dt/${gatewayId}/${clientId}"
            qos: 1
        """.formatted(GATEWAY_ID, iotCore.upstreamYaml(PASSWORD_ENV, UPSTREAM_CLIENT_ID, CONNECTIONS, MAX_QUEUED),
        dir.resolve("spool").toAbsolutePath()));
    for (int d = 0; d < DEVICES; d++) {
      String id = "device-" + d;
      devices.add(d % 2 == 0 ? SequenceDevice.v5(id + "-v5") : SequenceDevice.v3(id + "-v3"));
    }
    Files.createDirectories(logs);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    iotCore.close();
  }

  @Test
  void everyAcknowledgedMessageReachesIotCoreInOrderThroughRepeatedSigkills() throws Exception {
    long seed = Long.getLong("crashTest.seed", System.nanoTime());
    Random random = new Random(seed);
    System.out.printf("gateway crash test: seed %d%n", seed);
    long started = System.nanoTime();

    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < KILLED_RUNS.size(); i++) {
      runs.add(killedRun(i, KILLED_RUNS.get(i), random));
    }
    runs.add(lastRun(KILLED_RUNS.size(), random.nextInt(200, 600)));

    Set<DeviceMessage> acknowledged = new HashSet<>();
    for (SequenceDevice d : devices) {
      d.acknowledged().forEach(n -> acknowledged.add(new DeviceMessage(d.clientId, n)));
    }
    // IoT Core gets what the spool still holds at the pace of its quotas
    try {
      arrivals.awaitAll(acknowledged).get(90, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // the assertions below say what is missing
    }
    gateway.terminate();
    int exit = gateway.awaitExit();
    saveOutput(runs.size() - 1);

    List<ArrivalsByRun.Seen> seen = arrivals.seen();
    report(runs, seen, acknowledged, started);

    // every check, so that a failure shows all that went wrong
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(runs).as("messages the gateway refused").allSatisfy(r -> assertThat(r.refused()).isZero());
    softly.assertThat(runs.get(runs.size() - 1).inFlight()).as("messages the running gateway never answered")
        .isZero();
    checkEveryArrivalWasPublished(softly, seen);
    checkEveryAcknowledgedMessageArrived(softly, acknowledged, seen);
    checkFirstArrivalsInPublishOrder(softly, seen);
    checkOnlyWhatWasInFlightCameTwice(softly, seen);
    softly.assertThat(exit).as("exit code of the last run, stopped with SIGTERM").isZero();
    softly.assertAll();
  }

  /** Starts the gateway, lets the devices publish, and kills it with SIGKILL after a random number of PUBACKs. */
  private Run killedRun(int index, Link link, Random random) throws Exception {
    setIotCore(link != Link.DOWN);
    int port = startGateway(index);
    Counts before = counts();
    startDevices(port);
    int killAfter;
    String what;
    if (link == Link.LOST) {
      int loseAfter = random.nextInt(100, 800);
      acks.await(loseAfter);
      iotCore.stop();
      killAfter = loseAfter + random.nextInt(100, 800);
      what = link.text + " (at " + loseAfter + " PUBACKs); SIGKILL at " + killAfter + " PUBACKs";
    } else {
      killAfter = random.nextInt(200, 1500);
      what = link.text + "; SIGKILL at " + killAfter + " PUBACKs";
    }
    acks.await(killAfter);
    gateway.kill();
    arrivals.nextRun();
    forEachDevice(SequenceDevice::settleLost);
    saveOutput(index);
    return counts().since(index, what, before);
  }

  /** The last run: the devices publish, stop, and the gateway stays up to forward what the spool holds. */
  private Run lastRun(int index, int messages) throws Exception {
    setIotCore(true);
    int port = startGateway(index);
    Counts before = counts();
    startDevices(port);
    acks.await(messages);
    devices.forEach(SequenceDevice::stop);
    forEachDevice(SequenceDevice::settleStopped);
    return counts().since(index, "IoT Core up; not killed, the devices stop at " + messages + " PUBACKs", before);
  }

  private void setIotCore(boolean running) throws Exception {
    if (running && !iotCore.running()) {
      iotCore.restart();
    } else if (!running && iotCore.running()) {
      iotCore.stop();
    }
  }

  /** Starts the gateway process; with IoT Core up, returns once each of its connections is up. */
  private int startGateway(int index) throws Exception {
    List<String> upstreamIds = IntStream.range(0, CONNECTIONS)
        .mapToObj(i -> i == 0 ? UPSTREAM_CLIENT_ID : UPSTREAM_CLIENT_ID + "-" + i).toList();
    Map<String, Long> connects = new HashMap<>();
    upstreamIds.forEach(id -> connects.put(id, iotCore.connects(id)));
    gateway = GatewayProcess.start(dir, Map.of(PASSWORD_ENV, "pw-1"), "run", "--config", config.toString());
    int port = gateway.awaitListener("lan");
    if (iotCore.running()) {
      Poll.until(vertx, Duration.ofSeconds(30), "run " + index + ": the gateway's " + CONNECTIONS
          + " connections to IoT Core are up", () -> upstreamIds.stream()
          .allMatch(id -> iotCore.connects(id) > connects.get(id)));
    }
    return port;
  }

  private void startDevices(int port) throws Exception {
    acks.reset();
    List<SequenceDevice.Connecting> connecting = new ArrayList<>();
    for (SequenceDevice d : devices) {
      connecting.add(d.connect(port));
    }
    for (SequenceDevice.Connecting c : connecting) {
      c.await();
    }
    for (SequenceDevice d : devices) {
      d.start(acks::acknowledged);
    }
  }

  private interface DeviceStep {
    void run(SequenceDevice device) throws Exception;
  }

  /** Runs {@code step} for every device at once (closing a Paho client takes a while). */
  private void forEachDevice(DeviceStep step) throws Exception {
    List<CompletableFuture<Void>> steps = devices.stream().map(d -> CompletableFuture.runAsync(() -> {
      try {
        step.run(d);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, runnable -> new Thread(runnable, d.clientId + "-step").start())).toList();
    try {
      CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof CompletionException c && c.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private void saveOutput(int index) throws Exception {
    Files.writeString(logs.resolve("run-" + index + ".log"), gateway.output());
  }

  // ---- the checks

  private void checkEveryArrivalWasPublished(SoftAssertions softly, List<ArrivalsByRun.Seen> seen) {
    Map<String, Set<Integer>> published = new HashMap<>();
    devices.forEach(d -> published.put(d.clientId, d.published()));
    softly.assertThat(seen.stream().map(ArrivalsByRun.Seen::message).distinct()
        .filter(k -> !published.getOrDefault(k.device(), Set.of()).contains(k.number())))
        .as("arrivals that no device published").isEmpty();
  }

  private static void checkEveryAcknowledgedMessageArrived(SoftAssertions softly, Set<DeviceMessage> acknowledged,
      List<ArrivalsByRun.Seen> seen) {
    Set<DeviceMessage> arrived = new HashSet<>();
    seen.forEach(s -> arrived.add(s.message()));
    List<DeviceMessage> missing = acknowledged.stream().filter(k -> !arrived.contains(k))
        .sorted(Comparator.comparing(DeviceMessage::device).thenComparingInt(DeviceMessage::number)).toList();
    softly.assertThat(missing).as("acknowledged messages that never reached IoT Core (%d of %d)", missing.size(),
        acknowledged.size()).isEmpty();
  }

  private static void checkFirstArrivalsInPublishOrder(SoftAssertions softly, List<ArrivalsByRun.Seen> seen) {
    Map<String, Integer> last = new HashMap<>();
    Set<DeviceMessage> first = new HashSet<>();
    List<String> overtaken = new ArrayList<>();
    for (ArrivalsByRun.Seen s : seen) {
      if (first.add(s.message())) {
        int previous = last.getOrDefault(s.message().device(), -1);
        if (s.message().number() < previous) {
          overtaken.add(s.message().device() + " " + s.message().number() + " first arrived after " + previous
              + " (in run " + s.run() + ")");
        }
        last.put(s.message().device(), Math.max(previous, s.message().number()));
      }
    }
    softly.assertThat(overtaken).as("messages that first arrived after a later one of their device").isEmpty();
  }

  /**
   * A message comes again only from a connection after the one it first came on (the spool sends again
   * what IoT Core had not acknowledged, or the gateway had not deleted, when a run or a connection ended),
   * and each run brings back at most what could have been in flight when the one before ended.
   */
  private static void checkOnlyWhatWasInFlightCameTwice(SoftAssertions softly, List<ArrivalsByRun.Seen> seen) {
    Map<DeviceMessage, Set<String>> connections = new HashMap<>();
    Map<Integer, Integer> resentInRun = new TreeMap<>();
    List<DeviceMessage> twiceOnOneConnection = new ArrayList<>();
    for (ArrivalsByRun.Seen s : seen) {
      Set<String> on = connections.computeIfAbsent(s.message(), k -> new HashSet<>());
      if (!on.isEmpty()) {
        resentInRun.merge(s.run(), 1, Integer::sum);
      }
      if (!on.add(s.connectionId())) {
        twiceOnOneConnection.add(s.message());
      }
    }
    softly.assertThat(twiceOnOneConnection).as("messages that arrived twice on the same connection").isEmpty();
    softly.assertThat(resentInRun).as("messages that came again, by run of the gateway (at most %d each)",
        MAX_RESENT_PER_RUN).allSatisfy((run, count) -> assertThat(count).isLessThanOrEqualTo(MAX_RESENT_PER_RUN));
  }

  private static void report(List<Run> runs, List<ArrivalsByRun.Seen> seen, Set<DeviceMessage> acknowledged, long started) {
    Map<Integer, Integer> firsts = new TreeMap<>();
    Map<Integer, Integer> again = new TreeMap<>();
    Set<DeviceMessage> first = new HashSet<>();
    for (ArrivalsByRun.Seen s : seen) {
      (first.add(s.message()) ? firsts : again).merge(s.run(), 1, Integer::sum);
    }
    for (Run r : runs) {
      System.out.printf("run %d: %s: devices got %d PUBACKs, %d messages had none (in flight at the end), %d "
          + "refusals; IoT Core meanwhile got %d messages first, %d again%n", r.index(), r.what(), r.acknowledged(),
          r.inFlight(), r.refused(), firsts.getOrDefault(r.index(), 0), again.getOrDefault(r.index(), 0));
    }
    System.out.printf("total: %d messages acknowledged to %d devices, %d arrived at IoT Core (%d distinct, %d "
        + "duplicates); %.1f s%n", acknowledged.size(), DEVICES, seen.size(), first.size(), seen.size() - first.size(),
        (System.nanoTime() - started) / 1e9);
  }

  // ---- bookkeeping

  /** The devices' totals at one moment. */
  private record Counts(long published, long acknowledged, long refused) {
    Run since(int index, String what, Counts before) {
      long ack = acknowledged - before.acknowledged;
      long ref = refused - before.refused;
      return new Run(index, what, ack, published - before.published - ack - ref, ref);
    }
  }

  private Counts counts() {
    long published = 0;
    long acknowledgedTotal = 0;
    long refusedTotal = 0;
    for (SequenceDevice d : devices) {
      published += d.published().size();
      acknowledgedTotal += d.acknowledged().size();
      refusedTotal += d.refused().size();
    }
    return new Counts(published, acknowledgedTotal, refusedTotal);
  }
}
