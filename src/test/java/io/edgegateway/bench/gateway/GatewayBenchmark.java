package io.edgegateway.bench.gateway;

import io.edgegateway.iotcore.Authorizers;
import io.edgegateway.iotcore.FixedAuthorizer;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.Policies;
import io.edgegateway.iotcore.SimulatorOptions;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The gateway against a Mosquitto 2 bridge, run in turn and the same way: the IoT Core simulator (quotas off)
 * in this JVM, each side started afresh for every phase, the same devices ({@link LoadGenerator}) publishing.
 * Per QoS: a throughput phase for each side (every device keeps a window of publishes outstanding; what arrives
 * at the simulator per second after the warm-up), then a latency phase for each side at a fixed total rate, a
 * share of the lower of the two throughputs (device publish to simulator receipt: p50, p99, max).
 *
 * <p>{@code scripts/bench-gateway [--seconds N] [--warmup N] [--devices N] [--markdown FILE]}.
 */
public final class GatewayBenchmark {

  /**
   * How a run goes.
   *
   * @param devices      publishing devices
   * @param payloadBytes payload size
   * @param window       throughput mode: publishes each device keeps outstanding
   * @param warmup       not measured, at the start of each phase
   * @param measure      measured, after the warm-up
   * @param qosLevels    the QoS levels, in order
   * @param latencyShare latency mode's rate as a share of the lower throughput
   */
  public record Settings(int devices, int payloadBytes, int window, Duration warmup, Duration measure,
      List<Integer> qosLevels, double latencyShare) {

    public static Settings defaults() {
      return new Settings(100, 200, 10, Duration.ofSeconds(3), Duration.ofSeconds(10), List.of(1, 0), 0.5);
    }
  }

  private final IotCoreSimulator simulator;
  private final Settings settings;
  private final ArrivalMeter meter = new ArrivalMeter();
  private int phases;

  private GatewayBenchmark(IotCoreSimulator simulator, Settings settings) {
    this.simulator = simulator;
    this.settings = settings;
    simulator.onArrival(meter::onArrival);
  }

  /** Starts a simulator with quotas off and a password-accepting authorizer for the two sides' credentials. */
  public static IotCoreSimulator simulator(Vertx vertx, BenchCredentials credentials) throws Exception {
    return Fixture.start(vertx, SimulatorOptions.raw(), Authorizers.single(credentials.authorizer(),
        FixedAuthorizer.allowing(credentials.username(), Policies.everything())));
  }

  /** Runs both sides at every QoS and returns their figures (gateway then bridge, per QoS). */
  static List<BenchResult> run(Vertx vertx, Settings settings) throws Exception {
    BenchCredentials credentials = BenchCredentials.forBenchmark();
    IotCoreSimulator simulator = simulator(vertx, credentials);
    try (GatewaySide gateway = new GatewaySide(simulator, credentials);
        MosquittoBridgeSide bridge = new MosquittoBridgeSide(simulator, credentials)) {
      return new GatewayBenchmark(simulator, settings).run(List.of(gateway, bridge));
    } finally {
      Fixture.await(simulator.close());
    }
  }

  private List<BenchResult> run(List<Side> sides) throws Exception {
    List<BenchResult> results = new ArrayList<>();
    for (int qos : settings.qosLevels()) {
      List<BenchResult> atQos = new ArrayList<>();
      for (Side side : sides) {
        atQos.add(throughput(side, qos));
      }
      double lower = atQos.stream().mapToDouble(BenchResult::arrivedRate).min().orElseThrow();
      double rate = Math.max(settings.devices(), Math.floor(lower * settings.latencyShare()));
      for (int i = 0; i < sides.size(); i++) {
        results.add(latency(sides.get(i), atQos.get(i), rate));
      }
    }
    return results;
  }

  private BenchResult throughput(Side side, int qos) throws Exception {
    int port = side.start(qos);
    LoadGenerator devices = null;
    try {
      devices = LoadGenerator.connect(port, settings.devices(), settings.payloadBytes());
      int phase = ++phases;
      long from = System.nanoTime() + settings.warmup().toNanos();
      long until = from + settings.measure().toNanos();
      meter.begin(phase, side.upstreamPrefix(), from, until);
      long accepted = devices.windowed(qos, settings.window(), settings.warmup().plus(settings.measure()), phase,
          from, until);
      long arrived = meter.arrived();
      meter.end();
      double seconds = settings.measure().toNanos() / 1e9;
      log("QoS %d %s throughput: %.0f msg/s arrived, %.0f msg/s accepted (%d failed publishes)", qos, side.name(),
          arrived / seconds, accepted / seconds, devices.failures());
      return new BenchResult(qos, side.name(), arrived / seconds, accepted / seconds, 0, 0, 0, 0, 0, 0);
    } finally {
      side.close(); // first: the devices' connections drop, and closing them does not wait on their queues
      if (devices != null) {
        devices.close();
      }
      simulator.clearArrivals();
    }
  }

  private BenchResult latency(Side side, BenchResult throughput, double rate) throws Exception {
    int port = side.start(throughput.qos());
    LoadGenerator devices = null;
    try {
      devices = LoadGenerator.connect(port, settings.devices(), settings.payloadBytes());
      int phase = ++phases;
      long from = System.nanoTime() + settings.warmup().toNanos();
      long until = from + settings.measure().toNanos();
      meter.begin(phase, side.upstreamPrefix(), from, until);
      long sent = devices.paced(throughput.qos(), rate, settings.warmup().plus(settings.measure()), phase, from,
          until);
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (meter.samples() < sent && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      BenchResult result = throughput.withLatency(rate, sent, meter.end());
      log("QoS %d %s latency at %.0f msg/s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d of %d arrived)",
          result.qos(), side.name(), rate, result.p50(), result.p99(), result.max(), result.samples(), sent);
      return result;
    } finally {
      side.close(); // first: the devices' connections drop, and closing them does not wait on their queues
      if (devices != null) {
        devices.close();
      }
      simulator.clearArrivals();
    }
  }

  private static void log(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  public static void main(String[] args) throws Exception {
    Settings d = Settings.defaults();
    int seconds = (int) d.measure().toSeconds();
    int warmup = (int) d.warmup().toSeconds();
    int deviceCount = d.devices();
    List<Integer> qosLevels = d.qosLevels();
    Path markdown = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--devices" -> deviceCount = Integer.parseInt(args[++i]);
        case "--markdown" -> markdown = Path.of(args[++i]);
        case "--qos" -> qosLevels = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
        default -> {
          System.err.println("usage: bench-gateway [--seconds N] [--warmup N] [--devices N] [--qos 1,0] [--markdown FILE]");
          System.exit(2);
        }
      }
    }
    Settings settings = new Settings(deviceCount, d.payloadBytes(), d.window(), Duration.ofSeconds(warmup),
        Duration.ofSeconds(seconds), qosLevels, d.latencyShare());
    log("gateway benchmark: %d devices, %d-byte payloads, window %d, %d s warm-up + %d s measured per phase; "
        + "mosquitto: %s", settings.devices(), settings.payloadBytes(), settings.window(), warmup, seconds,
        MosquittoBridgeSide.executable());
    Vertx vertx = Vertx.vertx();
    int exit = 0;
    try {
      List<BenchResult> results = run(vertx, settings);
      String table = ResultTable.markdown(results, "edge-gateway", "mosquitto bridge");
      System.out.println();
      System.out.print(table);
      if (markdown != null) {
        Files.writeString(markdown, table);
        log("written to %s", markdown);
      }
    } catch (Exception e) {
      e.printStackTrace();
      exit = 1;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    System.exit(exit);
  }
}
