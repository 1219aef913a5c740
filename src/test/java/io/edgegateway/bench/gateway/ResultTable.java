package io.edgegateway.bench.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures as a Markdown table: per QoS, the gateway's row, the bridge's row and their ratio. */
final class ResultTable {

  private ResultTable() {
  }

  static String markdown(List<BenchResult> results, String gatewaySide, String bridgeSide) {
    StringBuilder out = new StringBuilder();
    out.append("| QoS | side | throughput, arrived at IoT Core (msg/s) | accepted from devices (msg/s) "
        + "| latency at (msg/s) | p50 (ms) | p99 (ms) | max (ms) | arrived / sent |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    List<Integer> levels = new ArrayList<>();
    results.forEach(r -> {
      if (!levels.contains(r.qos())) {
        levels.add(r.qos());
      }
    });
    for (int qos : levels) {
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
        out.append(String.format(Locale.ROOT, "| %d | ratio gateway / bridge | %.2f | %.2f | | %.2f | %.2f | %.2f | |%n",
            qos, gw.arrivedRate() / mb.arrivedRate(), gw.acceptedRate() / mb.acceptedRate(), gw.p50() / mb.p50(),
            gw.p99() / mb.p99(), gw.max() / mb.max()));
      }
    }
    return out.toString();
  }

  private static BenchResult find(List<BenchResult> results, int qos, String side) {
    return results.stream().filter(r -> r.qos() == qos && r.side().equals(side)).findFirst().orElse(null);
  }
}
