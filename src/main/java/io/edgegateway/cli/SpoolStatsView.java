package io.edgegateway.cli;

import io.edgegateway.spool.SpoolReport;
import io.edgegateway.spool.SpoolReport.DeviceTotals;
import java.util.List;

/**
 * A spool report with its device list cut to {@code --top}: the devices shown, and the totals of those
 * left out.
 */
record SpoolStatsView(SpoolReport report, List<DeviceTotals> shown, int hiddenDevices, long hiddenMessages,
    long hiddenBytes) {

  SpoolStatsView {
    shown = List.copyOf(shown);
  }

  /** The first {@code top} devices of the report (all when {@code top} is null). */
  static SpoolStatsView of(SpoolReport report, Integer top) {
    List<DeviceTotals> all = report.devices();
    int n = top == null ? all.size() : Math.min(top, all.size());
    List<DeviceTotals> hidden = all.subList(n, all.size());
    return new SpoolStatsView(report, all.subList(0, n), hidden.size(),
        hidden.stream().mapToLong(DeviceTotals::messages).sum(), hidden.stream().mapToLong(DeviceTotals::bytes).sum());
  }
}
