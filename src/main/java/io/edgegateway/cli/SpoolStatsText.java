package io.edgegateway.cli;

import io.edgegateway.spool.SpoolReport;
import io.edgegateway.spool.SpoolReport.DeviceTotals;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code spool stats} for people: the totals, then one line per device, most messages first. Client ids
 * come from devices, so control and formatting characters in them are printed as {@code \}{@code u{XXXX}}
 * escapes, never raw to the terminal.
 */
final class SpoolStatsText {

  private static final String[] BYTE_UNITS = {"KiB", "MiB", "GiB", "TiB"};

  private SpoolStatsText() {
  }

  static void print(SpoolStatsView view, PrintWriter out) {
    SpoolReport r = view.report();
    out.println("Spool     " + r.database());
    out.println("Messages  " + r.messages());
    out.println("Bytes     " + r.bytes() + humanBytes(r.bytes()));
    out.println("Oldest    " + r.oldestAcceptedAt()
        .map(at -> age(r.ageOf(at)) + ", accepted " + at)
        .orElse("- (the spool is empty)"));
    out.println("Devices   " + r.devices().size());
    if (!view.shown().isEmpty()) {
      out.println();
      table(view.shown(), r, out);
    }
    if (view.hiddenDevices() > 0) {
      out.println(view.hiddenDevices() + " more " + (view.hiddenDevices() == 1 ? "device" : "devices")
          + " not shown (" + view.hiddenMessages() + " messages, " + view.hiddenBytes() + " bytes)");
    }
  }

  private static void table(List<DeviceTotals> devices, SpoolReport r, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"MESSAGES", "BYTES", "OLDEST", "CLIENT ID"});
    for (DeviceTotals d : devices) {
      rows.add(new String[] {Long.toString(d.messages()), Long.toString(d.bytes()), age(r.ageOf(d.oldestAcceptedAt())),
          printable(d.clientId())});
    }
    int[] width = new int[3];
    for (String[] row : rows) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    String format = "%" + width[0] + "s  %" + width[1] + "s  %-" + width[2] + "s  %s%n";
    for (String[] row : rows) {
      out.printf(Locale.ROOT, format, (Object[]) row);
    }
  }

  /** "2h 5m (7500 s)": the two largest units, then the exact whole seconds when a minute or more. */
  static String age(Duration age) {
    String sign = age.isNegative() ? "-" : "";
    long seconds = age.abs().getSeconds();
    long[] amounts = {seconds / 86_400, seconds / 3_600 % 24, seconds / 60 % 60, seconds % 60};
    String[] units = {"d", "h", "m", "s"};
    int first = 0;
    while (first < 3 && amounts[first] == 0) {
      first++;
    }
    String human = amounts[first] + units[first];
    if (first < 3 && amounts[first + 1] != 0) {
      human += " " + amounts[first + 1] + units[first + 1];
    }
    return sign + human + (seconds >= 60 ? " (" + sign + seconds + " s)" : "");
  }

  /** " (1.5 MiB)" from 1 KiB up, else nothing. */
  static String humanBytes(long bytes) {
    if (bytes < 1024) {
      return "";
    }
    double value = bytes / 1024.0;
    int unit = 0;
    while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, " (%.1f %s)", value, BYTE_UNITS[unit]);
  }

  /** The text with control, formatting and separator characters escaped, and {@code \} doubled. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      int type = Character.getType(cp);
      if (cp == '\\') {
        out.append("\\\\");
      } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.PRIVATE_USE || type == Character.UNASSIGNED) {
        out.append(String.format(Locale.ROOT, "\\u{%04X}", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return text.isEmpty() ? "\"\"" : out.toString();
  }
}
