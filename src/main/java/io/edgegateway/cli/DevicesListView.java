package io.edgegateway.cli;

import io.edgegateway.upstream.device.DeviceVerifiers.Entry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code devices list} as text (a table; usernames and client ids escaped for the terminal as in
 * {@code spool stats}) or as JSON (an array; {@code admittedOffline} only when the window is known).
 *
 * @param entries the verifiers
 * @param now     what ages count to
 * @param window  {@code upstream.devices.offlineAdmission}, or null when no configuration was read
 */
record DevicesListView(List<Entry> entries, Instant now, Duration window) {

  DevicesListView {
    entries = List.copyOf(entries);
  }

  void print(PrintWriter out) {
    if (entries.isEmpty()) {
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(window == null
        ? new String[] {"USERNAME", "CLIENT ID", "ACCEPTED AT", "AGE"}
        : new String[] {"USERNAME", "CLIENT ID", "ACCEPTED AT", "AGE", "OFFLINE ADMISSION (" + shortAge(window) + ")"});
    for (Entry e : entries) {
      String[] row = {SpoolStatsText.printable(e.username()), SpoolStatsText.printable(e.clientId()),
          e.acceptedAt().toString(), SpoolStatsText.age(age(e))};
      rows.add(window == null ? row : append(row, admitted(e) ? "yes" : "no, expired"));
    }
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(i == columns - 1 ? row[i] : String.format(Locale.ROOT, "%-" + width[i] + "s  ", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** The JSON text: {@code []} when there are no verifiers. */
  String jsonText() {
    return entries.isEmpty() ? "[]" : json().encodePrettily();
  }

  JsonArray json() {
    JsonArray array = new JsonArray();
    for (Entry e : entries) {
      JsonObject o = new JsonObject()
          .put("username", e.username())
          .put("clientId", e.clientId())
          .put("acceptedAt", e.acceptedAt().toString())
          .put("ageSeconds", age(e).getSeconds());
      if (window != null) {
        o.put("admittedOffline", admitted(e));
      }
      array.add(o);
    }
    return array;
  }

  private Duration age(Entry e) {
    return Duration.between(e.acceptedAt(), now);
  }

  private boolean admitted(Entry e) {
    return e.fresh(now, window);
  }

  /** "7d", "1d 12h": the age without its exact seconds. */
  private static String shortAge(Duration age) {
    String text = SpoolStatsText.age(age);
    int exact = text.indexOf(" (");
    return exact < 0 ? text : text.substring(0, exact);
  }

  private static String[] append(String[] row, String value) {
    String[] longer = java.util.Arrays.copyOf(row, row.length + 1);
    longer[row.length] = value;
    return longer;
  }
}
