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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The gateway against a Mosquitto 2 bridge, run in turn and the same way: the IoT Core simulator in this JVM,
 * each side started afresh for every phase, the same devices ({@link LoadGenerator}) publishing. In passes:
 *
 * <ul>
 *   <li>{@code raw}: the simulator with quotas off. Per QoS: a throughput phase for each side (every device keeps
 *       a window of publishes outstanding; what arrives at the simulator per second after the warm-up), then a
 *       latency phase for each side at a fixed total rate, a share of the lower of the two throughputs (device
 *       publish to simulator receipt: p50, p99, max). For every phase the side's process figures over the
 *       measured window ({@link ProcessMeter}): CPU seconds per million messages arrived, bytes written to the
 *       block layer per message arrived, peak RSS.</li>
 *   <li>{@code quotas}: the same against a second simulator with IoT Core's per-connection quotas on
 *       ({@link io.edgegateway.iotcore.Quotas#iotCore()}); its latency rate's floor is not one message per device
 *       per second but the latency share (half) of one connection's quota of 100 publishes per second, as the bridge has one
 *       connection.</li>
 *   <li>{@code kill}: quotas off, QoS 1, at the raw pass's QoS 1 latency rate (or one message per device per
 *       second) and, after a raw pass, again with a burst of ten times the higher QoS 1 throughput for
 *       {@link #BURST} right before the kill (each side then holds a backlog): the side's process is killed
 *       with SIGKILL mid-run and started again on the same state; messages acknowledged to devices that never
 *       arrive are lost.</li>
 *   <li>{@code memory}: quotas off, QoS 1, many devices at one message per second each; peak RSS of the side,
 *       the gateway with a 64 MB heap and the systemd unit's other JVM options.</li>
 *   <li>{@code devices}: the gateway only (a Mosquitto bridge cannot sign each device in upstream as itself):
 *       quotas off, the memory phase's JVM options; devices connect all at once and then publish QoS 1 at one
 *       message per second each, first through the gateway's own identity, then with
 *       {@code upstream.identity: device} at each connect rate (one upstream connection per device, under the
 *       device's client id): time until every device had its CONNACK, resident memory before and after they
 *       connected, every message checked to have arrived under its device's own client id, CPU per message.</li>
 * </ul>
 *
 * <p>{@code scripts/bench-gateway [--seconds N] [--warmup N] [--devices N] [--qos 1,0]
 * [--pass raw,quotas,kill,memory,devices] [--memory-devices N] [--device-count N] [--connects-per-second 50,200]
 * [--no-offline-phase] [--nmt] [--markdown FILE]}.
 */
public final class GatewayBenchmark {
  static final String GATEWAY = "edge-gateway";
  static final String BRIDGE = "mosquitto bridge";
  static final List<String> PASSES = List.of("raw", "quotas", "kill", "memory", "devices");
  /** The kill pass's burst before the kill, after a raw pass: ten times the higher QoS 1 throughput, at most this. */
  static final Duration BURST = Duration.ofSeconds(2);
  static final double MAX_BURST_RATE = 20_000;
  /** The burst's sequence numbers start here, apart from the steady load's. */
  static final long BURST_SEQUENCES = 1_000_000_000L;
  static final String USAGE = "usage: bench-gateway [--seconds N] [--warmup N] [--devices N] [--qos 1,0] "
      + "[--pass raw,quotas,kill,memory,devices] [--memory-devices N] [--device-count N] "
      + "[--connects-per-second 50,200] "
      + "[--no-offline-phase] [--nmt] [--markdown FILE]";

  /**
   * How a run goes.
   *
   * @param devices      publishing devices
   * @param payloadBytes payload size
   * @param window       throughput mode: publishes each device keeps outstanding
   * @param warmup       not measured, at the start of each phase
   * @param measure      measured, after the warm-up; in the SIGKILL phase, publishing before the kill and again
   *                     after the restart
   * @param qosLevels    the QoS levels, in order
   * @param latencyShare latency mode's rate as a share of the lower throughput
   * @param passes       which passes run, of {@link #PASSES}
   * @param quiet        SIGKILL phase: arrivals have settled when none came for this long (bounded by a minute)
   * @param memoryDevices memory phase: connected devices
   * @param memoryHeap   memory and devices phases: the gateway's {@code -Xmx}, with the systemd unit's other JVM
   *                     options
   * @param identityDevices devices phase: devices, each signing in upstream as itself
   * @param connectRates devices phase: the {@code upstream.devices.connectsPerSecond} values run, one phase each
   * @param withoutOfflineAdmission devices phase: also run the first connect rate with
   *                     {@code devices.offlineAdmission: 0s} (no verifier hashed per device)
   * @param nativeMemory devices phase: the gateway with Native Memory Tracking ({@code summary}), its summary
   *                     printed at the end of each phase (it costs memory itself: not for the figures)
   */
  public record Settings(int devices, int payloadBytes, int window, Duration warmup, Duration measure,
      List<Integer> qosLevels, double latencyShare, List<String> passes, Duration quiet, int memoryDevices,
      String memoryHeap, int identityDevices, List<Integer> connectRates, boolean withoutOfflineAdmission,
      boolean nativeMemory) {

    public Settings {
      for (String pass : passes) {
        if (!PASSES.contains(pass)) {
          throw new IllegalArgumentException("no pass " + pass + "; passes: " + PASSES);
        }
      }
    }

    public static Settings defaults() {
      return new Settings(100, 200, 10, Duration.ofSeconds(3), Duration.ofSeconds(10), List.of(1, 0), 0.5, PASSES,
          Duration.ofSeconds(3), 1000, "64m", 200, List.of(50, 200), true, false);
    }
  }

  /**
   * Everything a run measured; a pass not run has empty lists.
   *
   * @param raw    quotas off: gateway then bridge, per QoS
   * @param quotas quotas on: gateway then bridge, per QoS
   * @param kill   gateway then bridge
   * @param memory gateway then bridge
   * @param devices the gateway only: its own identity (the baseline), then each device as itself per connect rate
   */
  record Report(Settings settings, List<BenchResult> raw, List<BenchResult> quotas, List<KillResult> kill,
      List<MemoryResult> memory, List<DeviceResult> devices) {
  }

  private final IotCoreSimulator simulator;
  private final Settings settings;
  private final ArrivalMeter meter = new ArrivalMeter();
  private final DeliveryLedger ledger = new DeliveryLedger();
  private final ScheduledExecutorService clock;
  private int phases;

  private GatewayBenchmark(IotCoreSimulator simulator, Settings settings, ScheduledExecutorService clock) {
    this.simulator = simulator;
    this.settings = settings;
    this.clock = clock;
    simulator.onArrival(meter::onArrival);
    simulator.onArrival(ledger::onArrival);
  }

  /** Starts a simulator with quotas off and a password-accepting authorizer for the two sides' credentials. */
  public static IotCoreSimulator simulator(Vertx vertx, BenchCredentials credentials) throws Exception {
    return simulator(vertx, credentials, SimulatorOptions.raw());
  }

  static IotCoreSimulator simulator(Vertx vertx, BenchCredentials credentials, SimulatorOptions options)
      throws Exception {
    return Fixture.start(vertx, options, Authorizers.single(credentials.authorizer(),
        FixedAuthorizer.allowing(credentials.username(), Policies.everything())));
  }

  /** Runs the settings' passes. */
  static Report run(Vertx vertx, Settings settings) throws Exception {
    BenchCredentials credentials = BenchCredentials.forBenchmark();
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bench-process-meter");
      t.setDaemon(true);
      return t;
    });
    List<BenchResult> raw = List.of();
    List<BenchResult> quotas = List.of();
    List<KillResult> kill = List.of();
    List<MemoryResult> memory = List.of();
    List<DeviceResult> devices = List.of();
    try {
      List<String> passes = settings.passes();
      if (passes.contains("raw") || passes.contains("kill") || passes.contains("memory")
          || passes.contains("devices")) {
        IotCoreSimulator simulator = simulator(vertx, credentials, SimulatorOptions.raw());
        try (GatewaySide gateway = new GatewaySide(simulator, credentials);
            MosquittoBridgeSide bridge = new MosquittoBridgeSide(simulator, credentials);
            GatewaySide smallGateway = new GatewaySide(simulator, credentials,
                UnitJvmOptions.withHeap(settings.memoryHeap()))) {
          GatewayBenchmark benchmark = new GatewayBenchmark(simulator, settings, clock);
          if (passes.contains("raw")) {
            log("pass raw: simulator quotas off");
            raw = benchmark.throughputAndLatency(List.of(gateway, bridge), false);
          }
          if (passes.contains("kill")) {
            // below saturation (the latency rate) and, when the raw pass measured the throughputs, above it (half
            // again the higher QoS 1 throughput), where each side holds a backlog when it is killed
            double below = raw.stream().filter(r -> r.qos() == 1).mapToDouble(BenchResult::latencyRate).findFirst()
                .orElse(settings.devices());
            double above = Math.min(MAX_BURST_RATE, Math.floor(10 * raw.stream().filter(r -> r.qos() == 1)
                .mapToDouble(BenchResult::arrivedRate).max().orElse(0)));
            log("pass kill: simulator quotas off, QoS 1 at %.0f msg/s%s", below, above > below
                ? String.format(Locale.ROOT, ", then again with %.0f msg/s more for %s before the kill", above, BURST)
                : "");
            List<KillResult> killed = new ArrayList<>(List.of(benchmark.kill(gateway, below, 0),
                benchmark.kill(bridge, below, 0)));
            if (above > below) {
              killed.add(benchmark.kill(gateway, below, above));
              killed.add(benchmark.kill(bridge, below, above));
            }
            kill = killed;
          }
          if (passes.contains("memory")) {
            String options = String.join(" ", UnitJvmOptions.withHeap(settings.memoryHeap()));
            log("pass memory: simulator quotas off, %d devices at 1 msg/s each, gateway with the unit's JVM "
                + "options: %s", settings.memoryDevices(), options);
            memory = List.of(benchmark.memory(smallGateway, options),
                benchmark.memory(bridge, ""));
          }
          if (passes.contains("devices")) {
            devices = benchmark.devices(credentials);
          }
        } finally {
          Fixture.await(simulator.close());
        }
      }
      if (passes.contains("quotas")) {
        log("pass quotas: simulator with IoT Core's per-connection quotas");
        IotCoreSimulator simulator = simulator(vertx, credentials, SimulatorOptions.defaults());
        try (GatewaySide gateway = new GatewaySide(simulator, credentials);
            MosquittoBridgeSide bridge = new MosquittoBridgeSide(simulator, credentials)) {
          quotas = new GatewayBenchmark(simulator, settings, clock)
              .throughputAndLatency(List.of(gateway, bridge), true);
        } finally {
          Fixture.await(simulator.close());
        }
      }
    } finally {
      clock.shutdownNow();
    }
    return new Report(settings, raw, quotas, kill, memory, devices);
  }

  private List<BenchResult> throughputAndLatency(List<Side> sides, boolean quotas) throws Exception {
    List<BenchResult> results = new ArrayList<>();
    for (int qos : settings.qosLevels()) {
      List<BenchResult> atQos = new ArrayList<>();
      for (Side side : sides) {
        atQos.add(throughput(side, qos));
      }
      double lower = atQos.stream().mapToDouble(BenchResult::arrivedRate).min().orElseThrow();
      // quotas on: at least the share of one connection's publish quota, which the bridge's one connection
      // gets through (and what the bridge gets through may be nothing: then still a rate to measure at)
      double floor = quotas ? Math.floor(simulator.options().quotas().publishesPerSecond() * settings.latencyShare())
          : settings.devices();
      double rate = Math.max(floor, Math.floor(lower * settings.latencyShare()));
      for (int i = 0; i < sides.size(); i++) {
        results.add(latency(sides.get(i), atQos.get(i), rate));
      }
    }
    return results;
  }

  private Future<ProcessMeter.Sample> sampleAt(long pid, long nanoTime) {
    return clock.schedule(() -> ProcessMeter.read(pid), nanoTime - System.nanoTime(), TimeUnit.NANOSECONDS);
  }

  /** The window's figures, with peak RSS read now (the end of the phase, the side still running). */
  private ProcessMeter.Figures figures(Side side, Future<ProcessMeter.Sample> from,
      Future<ProcessMeter.Sample> until, long arrived) {
    try {
      ProcessMeter.Sample end = until.get();
      return ProcessMeter.Figures.between(from.get(), end, arrived, ProcessMeter.read(side.pid()).peakRssKb());
    } catch (Exception e) {
      log("%s: no process figures: %s", side.name(), e);
      return ProcessMeter.Figures.NONE;
    }
  }

  /** A measured phase's window: its id, and the warm-up's end and the window's end ({@link System#nanoTime}). */
  private record Window(int phase, long from, long until) {
  }

  /** What a measured phase does with its devices, the side started and the arrival meter watching its window. */
  @FunctionalInterface
  private interface Measured<T> {
    T run(LoadGenerator devices, Window window) throws Exception;
  }

  /**
   * Starts {@code side} afresh at {@code qos}, connects {@code deviceCount} devices, opens the arrival meter's
   * window after the warm-up and runs {@code body}; then stops the side and the devices.
   */
  private <T> T measured(Side side, int qos, int deviceCount, Measured<T> body) throws Exception {
    int port = side.start(qos);
    LoadGenerator devices = null;
    try {
      devices = LoadGenerator.connect(port, deviceCount, settings.payloadBytes());
      long from = System.nanoTime() + settings.warmup().toNanos();
      Window window = new Window(++phases, from, from + settings.measure().toNanos());
      meter.begin(window.phase(), side.upstreamPrefix(), window.from(), window.until());
      return body.run(devices, window);
    } finally {
      side.close(); // first: the devices' connections drop, and closing them does not wait on their queues
      if (devices != null) {
        devices.close();
      }
      simulator.clearArrivals();
    }
  }

  private BenchResult throughput(Side side, int qos) throws Exception {
    return measured(side, qos, settings.devices(), (devices, w) -> {
      Future<ProcessMeter.Sample> atFrom = sampleAt(side.pid(), w.from());
      Future<ProcessMeter.Sample> atUntil = sampleAt(side.pid(), w.until());
      long accepted = devices.windowed(qos, settings.window(), settings.warmup().plus(settings.measure()),
          w.phase(), w.from(), w.until());
      long arrived = meter.arrived();
      meter.end();
      ProcessMeter.Figures process = figures(side, atFrom, atUntil, arrived);
      double seconds = settings.measure().toNanos() / 1e9;
      log("QoS %d %s throughput: %.0f msg/s arrived, %.0f msg/s accepted (%d failed publishes); %s", qos,
          side.name(), arrived / seconds, accepted / seconds, devices.failures(), describe(process));
      return BenchResult.throughput(qos, side.name(), arrived / seconds, accepted / seconds, process);
    });
  }

  private BenchResult latency(Side side, BenchResult throughput, double rate) throws Exception {
    return measured(side, throughput.qos(), settings.devices(), (devices, w) -> {
      Future<ProcessMeter.Sample> atFrom = sampleAt(side.pid(), w.from());
      Future<ProcessMeter.Sample> atUntil = sampleAt(side.pid(), w.until());
      long sent = devices.paced(throughput.qos(), rate, settings.warmup().plus(settings.measure()), w.phase(),
          w.from(), w.until());
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (meter.samples() < sent && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long arrived = meter.arrived();
      ProcessMeter.Figures process = figures(side, atFrom, atUntil, arrived);
      BenchResult result = throughput.withLatency(rate, sent, meter.end(), process);
      log("QoS %d %s latency at %.0f msg/s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d of %d arrived); %s",
          result.qos(), side.name(), rate, result.p50(), result.p99(), result.max(), result.samples(), sent,
          describe(process));
      return result;
    });
  }

  private static String describe(ProcessMeter.Figures p) {
    return String.format(Locale.ROOT, "process: %.1f CPU s/M msg, %.0f B/msg written to disk (wchar %d B), "
        + "peak RSS %.0f MB", p.cpuSecondsPerMillion(), p.diskBytesPerMessage(), p.wchar(), p.peakRssMb());
  }

  /**
   * The SIGKILL phase: QoS 1 on a port fixed for the phase; publishing for the measured time, SIGKILL, restart
   * on the same state, publishing for the measured time again, then waiting until arrivals settle.
   */
  private KillResult kill(Side side, double rate, double burstRate) throws Exception {
    int port = side.start(1, Ports.free());
    LoadGenerator devices = null;
    LoadGenerator.Ledgered load = null;
    LoadGenerator.Ledgered burst = null;
    try {
      devices = LoadGenerator.connect(port, settings.devices(), settings.payloadBytes());
      int phase = ++phases;
      ledger.begin(phase, side.upstreamPrefix());
      load = devices.ledgered(rate, phase, ledger);
      Thread.sleep(settings.measure().toMillis()); // the benchmark's own clock: publishing goes on meanwhile
      if (burstRate > 0) {
        // more than the side forwards, right before the kill: it holds a backlog when it dies
        burst = devices.ledgered(burstRate, phase, ledger, BURST_SEQUENCES);
        Thread.sleep(BURST.toMillis());
        burst.stop();
      }
      long killed = System.nanoTime();
      side.kill();
      log("%s killed (SIGKILL) after %s", side.name(), settings.measure());
      side.restart();
      double restartSeconds = (System.nanoTime() - killed) / 1e9;
      log("%s restarted on the same state, connected upstream %.1f s after the kill", side.name(), restartSeconds);
      Thread.sleep(settings.measure().toMillis());
      load.stop();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while ((load.outstanding() > 0 || (burst != null && burst.outstanding() > 0)) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long quiet = settings.quiet().toNanos();
      while (System.nanoTime() - ledger.lastArrival() < quiet && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      DeliveryLedger.Counts counts = ledger.end();
      long published = load.published() + (burst == null ? 0 : burst.published());
      KillResult result = new KillResult(side.name(), rate, burstRate, published, counts.acknowledged(),
          counts.arrived(), counts.lost(), counts.duplicates(), restartSeconds, load.reconnects());
      log("%s SIGKILL at %.0f msg/s%s: %d published, %d acknowledged, %d arrived, %d lost, %d duplicates, "
          + "%d reconnects%s", side.name(), rate, burstRate > 0
              ? String.format(Locale.ROOT, " (%.0f msg/s for %s before the kill)", burstRate, BURST) : "",
          result.published(), result.acknowledged(), result.arrived(),
          result.lost(), result.duplicates(), result.reconnects(),
          load.outstanding() > 0 ? " (" + load.outstanding() + " publishes never completed)" : "");
      return result;
    } finally {
      if (load != null) {
        load.stop();
      }
      if (burst != null) {
        burst.stop();
      }
      side.close();
      if (devices != null) {
        devices.close();
      }
      simulator.clearArrivals();
    }
  }

  /** The memory phase: many devices at one QoS 1 message per second each; peak RSS at the end. */
  private MemoryResult memory(Side side, String options) throws Exception {
    return measured(side, 1, settings.memoryDevices(), (devices, w) -> {
      long sent = devices.paced(1, settings.memoryDevices(), settings.warmup().plus(settings.measure()),
          w.phase(), w.from(), w.until());
      long arrived = meter.arrived();
      meter.end();
      ProcessMeter.Sample end = ProcessMeter.read(side.pid());
      MemoryResult result = new MemoryResult(side.name(), settings.memoryDevices(), options, sent, arrived,
          end.peakRssKb() / 1024.0, end.rssKb() / 1024.0);
      log("%s with %d devices%s: peak RSS %.0f MB, RSS %.0f MB (%d sent, %d arrived, %d failed publishes)",
          side.name(), result.devices(), options.isEmpty() ? "" : " (" + options + ")", result.peakRssMb(),
          result.rssMb(), sent, arrived, devices.failures());
      return result;
    });
  }

  /**
   * The devices pass (the gateway only: a Mosquitto bridge has no way to carry each device as itself). The
   * gateway with the unit's JVM options and {@link Settings#memoryHeap()}; first with its own identity (the
   * baseline, devices anonymous), then with {@code upstream.identity: device} at each connect rate.
   */
  private List<DeviceResult> devices(BenchCredentials credentials) throws Exception {
    List<String> options = new ArrayList<>(UnitJvmOptions.withHeap(settings.memoryHeap()));
    if (settings.nativeMemory()) {
      options.add("-XX:NativeMemoryTracking=summary");
    }
    log("pass devices (edge-gateway only: a Mosquitto bridge cannot sign each device in as itself): simulator "
        + "quotas off, %d devices connecting at once, then QoS 1 at 1 msg/s each; gateway with %s",
        settings.identityDevices(), String.join(" ", options));
    List<DeviceResult> results = new ArrayList<>();
    try (GatewaySide shared = new GatewaySide(simulator, credentials, options)) {
      results.add(devices(shared));
    }
    // a password per device, new for each run and never printed; the simulator's authorizer allows everyone
    String secret = Long.toHexString(new java.security.SecureRandom().nextLong());
    for (int rate : settings.connectRates()) {
      try (GatewaySide perDevice = GatewaySide.perDevice(simulator, credentials, options, rate, true)) {
        results.add(devices(perDevice, d -> "pw-" + secret + "-" + d));
      }
    }
    if (settings.withoutOfflineAdmission() && !settings.connectRates().isEmpty()) {
      try (GatewaySide perDevice = GatewaySide.perDevice(simulator, credentials, options,
          settings.connectRates().get(0), false)) {
        results.add(devices(perDevice, d -> "pw-" + secret + "-" + d));
      }
    }
    return results;
  }

  private DeviceResult devices(GatewaySide side) throws Exception {
    return devices(side, null);
  }

  /**
   * One phase of the devices pass: the side started, the devices connected all at once (with
   * {@code password}: each signing in as itself), then publishing QoS 1 at one message per second each for the
   * warm-up and the measured time, every message ledgered; then waiting until arrivals settle.
   */
  private DeviceResult devices(GatewaySide side, java.util.function.IntFunction<String> password)
      throws Exception {
    int n = settings.identityDevices();
    int port = side.start(1);
    long pid = side.pid();
    LoadGenerator devices = null;
    LoadGenerator.Ledgered load = null;
    try {
      ProcessMeter.Sample before = ProcessMeter.read(pid);
      devices = LoadGenerator.connect(port, n, settings.payloadBytes(), password);
      ProcessMeter.Sample connected = ProcessMeter.read(pid);
      // what the connections cost after their CONNACKs (with identity: device, storing each device's verifier
      // for offline admission), until the gateway's CPU settles; then connected, nobody publishing
      long connectedAt = System.nanoTime();
      ProcessMeter.Sample settled = settle(pid);
      double settleSeconds = (System.nanoTime() - connectedAt) / 1e9;
      Thread.sleep(settings.warmup().toMillis());
      double idleCpu = (ProcessMeter.read(pid).cpuSeconds() - settled.cpuSeconds())
          / (settings.warmup().toNanos() / 1e9);
      double connectCpu = settled.cpuSeconds() - before.cpuSeconds();
      java.util.function.Predicate<String> upstream = side.perDevice()
          ? id -> id.startsWith(LoadGenerator.DEVICE_PREFIX) : id -> id.startsWith(GatewaySide.CLIENT_ID);
      long connections = simulator.connectedClientIds().stream().filter(upstream).count();
      String identity = !side.perDevice() ? "gateway" : side.offlineAdmission() ? "device"
          : "device, offlineAdmission 0s";
      log("%s, identity %s%s: %d devices had their CONNACK %.2f s after the first CONNECT; %d upstream "
          + "connections; RSS %.0f MB before, %.0f MB after; CPU settled %.1f s after the last CONNACK, %.2f CPU s "
          + "from the first CONNECT until then (%.1f ms per device), RSS then %.0f MB; idle with them connected: "
          + "%.3f CPU s/s", side.name(), identity,
          side.perDevice() ? ", connectsPerSecond " + side.deviceConnectsPerSecond() : "", n,
          devices.connectSeconds(), connections, before.rssKb() / 1024.0, connected.rssKb() / 1024.0, settleSeconds,
          connectCpu, connectCpu * 1000 / n, settled.rssKb() / 1024.0, idleCpu);
      int phase = ++phases;
      long from = System.nanoTime() + settings.warmup().toNanos();
      long until = from + settings.measure().toNanos();
      meter.begin(phase, side.upstreamPrefix(), from, until);
      ledger.begin(phase, side.upstreamPrefix(), side.perDevice() ? d -> LoadGenerator.DEVICE_PREFIX + d : null);
      Future<ProcessMeter.Sample> atFrom = sampleAt(pid, from);
      Future<ProcessMeter.Sample> atUntil = sampleAt(pid, until);
      load = devices.ledgered(n, phase, ledger);
      Thread.sleep((until - System.nanoTime()) / 1_000_000);
      load.stop();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (load.outstanding() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      while (System.nanoTime() - ledger.lastArrival() < settings.quiet().toNanos() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      ProcessMeter.Figures process = figures(side, atFrom, atUntil, meter.arrived());
      long[] latencies = meter.end();
      long foreign = side.perDevice() ? ledger.foreign() : -1;
      DeliveryLedger.Counts counts = ledger.end();
      int threads = ProcessMeter.threads(pid);
      if (settings.nativeMemory()) {
        log("%s: Native Memory Tracking:%n%s", side.name(), nativeMemory(pid));
      }
      DeviceResult result = new DeviceResult(identity, n, side.perDevice() ? side.deviceConnectsPerSecond() : 0,
          connections, devices.connectSeconds(), before.rssKb() / 1024.0, connected.rssKb() / 1024.0, settleSeconds,
          connectCpu, settled.rssKb() / 1024.0, idleCpu, load.published(), counts.acknowledged(), counts.arrived(),
          counts.lost(), counts.duplicates(), foreign,
          BenchResult.percentile(latencies, 0.50), BenchResult.percentile(latencies, 0.99), process, threads);
      log("%s, identity %s: %d published, %d acknowledged, %d arrived, %d lost, %d duplicates%s, %d failed "
          + "publishes, %d reconnects; p50 %.2f ms, p99 %.2f ms; %.2f MB RSS per device connected; %d threads; %s",
          side.name(), identity, result.published(), result.acknowledged(), result.arrived(), result.lost(),
          result.duplicates(), foreign < 0 ? "" : ", " + foreign + " under another client id than the device's",
          devices.failures(), load.reconnects(), result.p50(), result.p99(), result.mbPerDevice(), threads,
          describe(process));
      return result;
    } finally {
      if (load != null) {
        load.stop();
      }
      side.close();
      if (devices != null) {
        devices.close();
      }
      simulator.clearArrivals();
    }
  }

  /**
   * Waits until the process used under a tenth of a core over half a second (at most a minute) and returns the
   * reading then.
   */
  private static ProcessMeter.Sample settle(long pid) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    ProcessMeter.Sample last = ProcessMeter.read(pid);
    while (System.nanoTime() < deadline) {
      Thread.sleep(500);
      ProcessMeter.Sample now = ProcessMeter.read(pid);
      boolean quiet = now.cpuSeconds() - last.cpuSeconds() < 0.05;
      last = now;
      if (quiet) {
        return now;
      }
    }
    return last;
  }

  /** {@code jcmd PID VM.native_memory summary}, the process started with Native Memory Tracking. */
  private static String nativeMemory(long pid) throws Exception {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid), "VM.native_memory", "summary").redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    jcmd.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  private static final long STARTED = System.nanoTime();

  private static void log(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, "[%6.1f s] ", (System.nanoTime() - STARTED) / 1e9)
        + String.format(Locale.ROOT, format, args));
  }

  public static void main(String[] args) throws Exception {
    Settings d = Settings.defaults();
    int seconds = (int) d.measure().toSeconds();
    int warmup = (int) d.warmup().toSeconds();
    int deviceCount = d.devices();
    int memoryDevices = d.memoryDevices();
    int identityDevices = d.identityDevices();
    List<Integer> connectRates = d.connectRates();
    boolean nativeMemory = d.nativeMemory();
    boolean withoutOfflineAdmission = d.withoutOfflineAdmission();
    List<Integer> qosLevels = d.qosLevels();
    List<String> passes = d.passes();
    Path markdown = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--seconds" -> seconds = Integer.parseInt(args[++i]);
          case "--warmup" -> warmup = Integer.parseInt(args[++i]);
          case "--devices" -> deviceCount = Integer.parseInt(args[++i]);
          case "--memory-devices" -> memoryDevices = Integer.parseInt(args[++i]);
          case "--device-count" -> identityDevices = Integer.parseInt(args[++i]);
          case "--connects-per-second" ->
              connectRates = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
          case "--nmt" -> nativeMemory = true;
          case "--no-offline-phase" -> withoutOfflineAdmission = false;
          case "--markdown" -> markdown = Path.of(args[++i]);
          case "--qos" -> qosLevels = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
          case "--pass" -> passes = Arrays.stream(args[++i].split(",")).map(String::trim).toList();
          case "--help", "-h" -> {
            System.out.println(USAGE);
            System.out.println("passes: raw (quotas off: throughput, latency, process figures), quotas (the same "
                + "with IoT Core's quotas on), kill (SIGKILL mid-run and restart: lost and duplicate messages), "
                + "memory (peak RSS with --memory-devices devices, the gateway with -Xmx64m), devices (the gateway "
                + "only: --device-count devices each signing in upstream as itself, upstream.identity: device, at "
                + "each of --connects-per-second, and at the first again with devices.offlineAdmission: 0s unless "
                + "--no-offline-phase, against the gateway's own identity; --nmt adds Native Memory "
                + "Tracking's summary to the log); all by default");
            System.exit(0);
          }
          default -> throw new IllegalArgumentException(args[i]);
        }
      }
    } catch (RuntimeException e) {
      System.err.println(USAGE);
      System.exit(2);
    }
    Settings settings;
    try {
      settings = new Settings(deviceCount, d.payloadBytes(), d.window(), Duration.ofSeconds(warmup),
          Duration.ofSeconds(seconds), qosLevels, d.latencyShare(), passes, d.quiet(), memoryDevices,
          d.memoryHeap(), identityDevices, connectRates, withoutOfflineAdmission, nativeMemory);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    log("gateway benchmark: passes %s; %d devices, %d-byte payloads, window %d, %d s warm-up + %d s measured "
        + "per phase; memory phase %d devices, gateway -Xmx%s; devices phase %d devices at connectsPerSecond %s; "
        + "mosquitto: %s", String.join(",", passes), settings.devices(), settings.payloadBytes(), settings.window(),
        warmup, seconds, memoryDevices, settings.memoryHeap(), identityDevices, connectRates,
        MosquittoBridgeSide.executable());
    Vertx vertx = Vertx.vertx();
    int exit = 0;
    try {
      Report report = run(vertx, settings);
      String tables = ResultTable.report(report, GATEWAY, BRIDGE);
      System.out.println();
      System.out.print(tables);
      if (markdown != null) {
        Files.writeString(markdown, tables);
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
