package io.edgegateway.cli;

import io.edgegateway.spool.SpoolReport;
import io.edgegateway.spool.SpoolReport.DeviceTotals;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * {@code spool stats --json}: one JSON object. Times are ISO-8601 UTC, ages whole seconds;
 * {@code oldestAcceptedAt} and {@code oldestAgeSeconds} are null for an empty spool.
 */
final class SpoolStatsJson {

  private SpoolStatsJson() {
  }

  static JsonObject of(SpoolStatsView view) {
    SpoolReport r = view.report();
    JsonArray perDevice = new JsonArray();
    for (DeviceTotals d : view.shown()) {
      perDevice.add(new JsonObject()
          .put("clientId", d.clientId())
          .put("messages", d.messages())
          .put("bytes", d.bytes())
          .put("oldestAcceptedAt", d.oldestAcceptedAt().toString())
          .put("oldestAgeSeconds", ageSeconds(r, d.oldestAcceptedAt())));
    }
    return new JsonObject()
        .put("database", r.database().toString())
        .put("inspectedAt", r.inspectedAt().toString())
        .put("messages", r.messages())
        .put("bytes", r.bytes())
        .put("oldestAcceptedAt", r.oldestAcceptedAt().map(Instant::toString).orElse(null))
        .put("oldestAgeSeconds", r.oldestAcceptedAt().map(at -> ageSeconds(r, at)).orElse(null))
        .put("devices", r.devices().size())
        .put("perDevice", perDevice)
        .put("notShown", new JsonObject()
            .put("devices", view.hiddenDevices())
            .put("messages", view.hiddenMessages())
            .put("bytes", view.hiddenBytes()));
  }

  private static long ageSeconds(SpoolReport r, Instant acceptedAt) {
    return r.ageOf(acceptedAt).getSeconds();
  }
}
