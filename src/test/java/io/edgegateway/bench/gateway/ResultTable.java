package io.edgegateway.bench.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The figures as Markdown tables: the gateway's row, the bridge's row and their ratio (gateway / bridge). */
final class ResultTable {

  private ResultTable() {
  }

  /** Every table of a run, each pass under its heading; passes not run are left out. */
  static String report(GatewayBenchmark.Report report, String gatewaySide, String bridgeSide) {
    StringBuilder out = new StringBuilder();
    if (!report.raw().isEmpty()) {
      out.append("#### Quotas off\n\n").append(markdown(report.raw(), gatewaySide, bridgeSide)).append('\n')
          .append("Process figures over each phase's measured window, quotas off:\n\n")
          .append(processMarkdown(report.raw(), gatewaySide, bridgeSide)).append('\n');
    }
    if (!report.quotas().isEmpty()) {
      out.append("#### Quotas on (IoT Core's per-connection quotas)\n\n")
          .append(markdown(report.quotas(), gatewaySide, bridgeSide)).append('\n')
          .append("Process figures over each phase's measured window, quotas on:\n\n")
          .append(processMarkdown(report.quotas(), gatewaySide, bridgeSide)).append('\n');
    }
    if (!report.kill().isEmpty()) {
      out.append("#### SIGKILL mid-run, restarted on the same state (QoS 1, quotas off)\n\n")
          .append(killMarkdown(report.kill(), gatewaySide, bridgeSide)).append('\n');
    }
    if (!report.memory().isEmpty()) {
      out.append(String.format(Locale.ROOT, "#### Memory: %d connected devices, QoS 1 at 1 msg/s each "
          + "(target: gateway peak RSS under 160 MB with -Xmx64m)%n%n", report.memory().get(0).devices()))
          .append(memoryMarkdown(report.memory(), gatewaySide, bridgeSide)).append('\n');
    }
    if (!report.devices().isEmpty()) {
      out.append(String.format(Locale.ROOT, "#### Each device as itself: %d devices connecting at once, then QoS 1 "
          + "at 1 msg/s each (edge-gateway only: a Mosquitto bridge has no equivalent)%n%n",
          report.devices().get(0).devices()))
          .append(devicesMarkdown(report.devices(), gatewaySide, report.memory())).append('\n');
    }
    return out.toString();
  }

  /**
   * The devices pass: a row per identity and connect rate, then how much more each device connection costs with
   * its own identity than through the gateway's, and the memory pass's figure per device when it ran.
   */
  static String devicesMarkdown(List<DeviceResult> results, String gatewaySide, List<MemoryResult> memory) {
    StringBuilder out = new StringBuilder();
    out.append("| upstream.identity | devices | connectsPerSecond | upstream connections | all CONNACKs after (s) "
        + "| CPU settled after (s) | CPU per device connecting (ms) | RSS before devices (MB) "
        + "| RSS connected, settled (MB) "
        + "| RSS per device (MB) | peak RSS (MB) | idle CPU (s/s) | published | acknowledged | arrived | lost "
        + "| under another client id | p50 / p99 (ms) | CPU s per million msg | threads |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (DeviceResult r : results) {
      out.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %.2f | %.1f | %.1f | %.0f | %.0f | %.3f | %.0f "
          + "| %.3f | %d | %d "
          + "| %d | %d | %s | %.2f / %.2f | %.0f | %d |%n", r.identity(), r.devices(),
          r.connectsPerSecond() > 0 ? Integer.toString(r.connectsPerSecond()) : "-", r.upstreamConnections(),
          r.connectSeconds(), r.settleSeconds(), r.connectCpuMillisPerDevice(), r.rssBeforeMb(), r.rssSettledMb(),
          r.mbPerDevice(), r.process().peakRssMb(), r.idleCpu(), r.published(), r.acknowledged(), r.arrived(),
          r.lost(), r.foreign() < 0 ? "-" : Long.toString(r.foreign()),
          r.p50(), r.p99(), r.process().cpuSecondsPerMillion(), r.threads()));
    }
    DeviceResult shared = results.stream().filter(r -> r.identity().equals("gateway")).findFirst().orElse(null);
    if (shared != null) {
      for (DeviceResult r : results) {
        if (!r.identity().equals("gateway")) {
          out.append(String.format(Locale.ROOT, "%nidentity %s, connectsPerSecond %d: each device's own upstream "
              + "connection "
              + "adds %.3f MB RSS (connected: %.0f MB against %.0f MB through the gateway's identity, over %d "
              + "devices); peak RSS %s of the gateway identity's; CPU per message %s of it.%n",
              r.identity(), r.connectsPerSecond(), (r.rssSettledMb() - shared.rssSettledMb()) / r.devices(),
              r.rssSettledMb(), shared.rssSettledMb(), r.devices(),
              ratio(r.process().peakRssMb(), shared.process().peakRssMb()),
              ratio(r.process().cpuSecondsPerMillion(), shared.process().cpuSecondsPerMillion())));
        }
      }
    }
    memory.stream().filter(m -> m.side().equals(gatewaySide)).findFirst().ifPresent(m -> out.append(
        String.format(Locale.ROOT, "%nThe memory pass, the gateway's identity: %d devices, peak RSS %.0f MB "
            + "(%.3f MB per device over the whole process).%n", m.devices(), m.peakRssMb(),
            m.peakRssMb() / m.devices())));
    return out.toString();
  }

  static String markdown(List<BenchResult> results, String gatewaySide, String bridgeSide) {
    StringBuilder out = new StringBuilder();
    out.append("| QoS | side | throughput, arrived at IoT Core (msg/s) | accepted from devices (msg/s) "
        + "| latency at (msg/s) | p50 (ms) | p99 (ms) | max (ms) | arrived / sent |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (int qos : levels(results)) {
      BenchResult gw = find(results, qos, gatewaySide);
      BenchResult mb = find(results, qos, bridgeSide);
      for (BenchResult r : new BenchResult[] {gw, mb}) {
        if (r != null) {
          out.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f | %d / %d |%n",
              r.qos(), r.side(), r.arrivedRate(), r.acceptedRate(), r.latencyRate(), r.p50(), r.p99(), r.max(),
              r.samples(), r.sent()));
        }
      }
      if (gw != null && mb != null) {
        out.append(String.format(Locale.ROOT, "| %d | ratio gateway / bridge | %s | %s | | %s | %s | %s | |%n",
            qos, ratio(gw.arrivedRate(), mb.arrivedRate()), ratio(gw.acceptedRate(), mb.acceptedRate()),
            ratio(gw.p50(), mb.p50()), ratio(gw.p99(), mb.p99()), ratio(gw.max(), mb.max())));
      }
    }
    return out.toString();
  }

  /** Per QoS and phase: CPU seconds per million messages arrived, block-layer bytes per message, peak RSS. */
  static String processMarkdown(List<BenchResult> results, String gatewaySide, String bridgeSide) {
    StringBuilder out = new StringBuilder();
    out.append("| QoS | phase | side | CPU s per million msg | disk bytes written per msg | peak RSS (MB) |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (int qos : levels(results)) {
      BenchResult gw = find(results, qos, gatewaySide);
      BenchResult mb = find(results, qos, bridgeSide);
      processRows(out, qos, "throughput", gw, mb, BenchResult::throughputProcess);
      processRows(out, qos, "latency", gw, mb, BenchResult::latencyProcess);
    }
    return out.toString();
  }

  private static void processRows(StringBuilder out, int qos, String phase, BenchResult gw, BenchResult mb,
      Function<BenchResult, ProcessMeter.Figures> figures) {
    for (BenchResult r : new BenchResult[] {gw, mb}) {
      if (r != null) {
        ProcessMeter.Figures p = figures.apply(r);
        out.append(String.format(Locale.ROOT, "| %d | %s | %s | %.1f | %.0f | %.0f |%n", qos, phase, r.side(),
            p.cpuSecondsPerMillion(), p.diskBytesPerMessage(), p.peakRssMb()));
      }
    }
    if (gw != null && mb != null) {
      ProcessMeter.Figures g = figures.apply(gw);
      ProcessMeter.Figures m = figures.apply(mb);
      out.append(String.format(Locale.ROOT, "| %d | %s | ratio gateway / bridge | %s | %s | %s |%n", qos, phase,
          ratio(g.cpuSecondsPerMillion(), m.cpuSecondsPerMillion()),
          ratio(g.diskBytesPerMessage(), m.diskBytesPerMessage()), ratio(g.peakRssMb(), m.peakRssMb())));
    }
  }

  static String killMarkdown(List<KillResult> results, String gatewaySide, String bridgeSide) {
    StringBuilder out = new StringBuilder();
    out.append("| side | rate (msg/s) | burst before the kill (msg/s) | published | acknowledged | arrived (distinct) "
        + "| lost (acknowledged, never arrived) | duplicates | connected upstream again after (s) |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    List<Double> bursts = results.stream().map(KillResult::burstRate).distinct().toList();
    for (double burst : bursts) {
      KillResult gw = results.stream().filter(r -> r.burstRate() == burst && r.side().equals(gatewaySide))
          .findFirst().orElse(null);
      KillResult mb = results.stream().filter(r -> r.burstRate() == burst && r.side().equals(bridgeSide))
          .findFirst().orElse(null);
      for (KillResult r : new KillResult[] {gw, mb}) {
        if (r != null) {
          out.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %d | %d | %d | %d | %d | %.1f |%n", r.side(),
              r.rate(), r.burstRate() > 0 ? String.format(Locale.ROOT, "%.0f", r.burstRate()) : "-",
              r.published(), r.acknowledged(), r.arrived(), r.lost(), r.duplicates(), r.restartSeconds()));
        }
      }
      if (gw != null && mb != null) {
        out.append(String.format(Locale.ROOT, "| ratio gateway / bridge | | | %s | %s | %s | %s | %s | %s |%n",
            ratio(gw.published(), mb.published()), ratio(gw.acknowledged(), mb.acknowledged()),
            ratio(gw.arrived(), mb.arrived()), ratio(gw.lost(), mb.lost()),
            ratio(gw.duplicates(), mb.duplicates()), ratio(gw.restartSeconds(), mb.restartSeconds())));
      }
    }
    return out.toString();
  }

  static String memoryMarkdown(List<MemoryResult> results, String gatewaySide, String bridgeSide) {
    StringBuilder out = new StringBuilder();
    out.append("| side | devices | started with | peak RSS (MB) | RSS at the end (MB) | arrived / sent |\n");
    out.append("|---|---|---|---|---|---|\n");
    MemoryResult gw = results.stream().filter(r -> r.side().equals(gatewaySide)).findFirst().orElse(null);
    MemoryResult mb = results.stream().filter(r -> r.side().equals(bridgeSide)).findFirst().orElse(null);
    for (MemoryResult r : new MemoryResult[] {gw, mb}) {
      if (r != null) {
        out.append(String.format(Locale.ROOT, "| %s | %d | %s | %.0f | %.0f | %d / %d |%n", r.side(), r.devices(),
            r.options().isEmpty() ? "" : "`" + r.options() + "`", r.peakRssMb(), r.rssMb(), r.arrived(), r.sent()));
      }
    }
    if (gw != null && mb != null) {
      out.append(String.format(Locale.ROOT, "| ratio gateway / bridge | | | %s | %s | |%n",
          ratio(gw.peakRssMb(), mb.peakRssMb()), ratio(gw.rssMb(), mb.rssMb())));
    }
    return out.toString();
  }

  /** a / b to two decimals; "n/a" when b is 0 or either is not a number. */
  static String ratio(double a, double b) {
    if (b == 0 || Double.isNaN(a) || Double.isNaN(b) || a < 0 || b < 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", a / b);
  }

  private static List<Integer> levels(List<BenchResult> results) {
    List<Integer> levels = new ArrayList<>();
    results.forEach(r -> {
      if (!levels.contains(r.qos())) {
        levels.add(r.qos());
      }
    });
    return levels;
  }

  private static BenchResult find(List<BenchResult> results, int qos, String side) {
    return results.stream().filter(r -> r.qos() == qos && r.side().equals(side)).findFirst().orElse(null);
  }
}
