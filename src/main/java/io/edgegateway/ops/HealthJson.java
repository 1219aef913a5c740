package io.edgegateway.ops;

import io.edgegateway.spool.SpoolStats;
import io.edgegateway.upstream.LinkStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The JSON bodies of {@code /health/live} and {@code /health/ready}. */
final class HealthJson {

  private HealthJson() {
  }

  static String live(Instant startedAt, Instant now) {
    return new JsonObject()
        .put("status", "up")
        .put("uptimeSeconds", Math.max(0, now.getEpochSecond() - startedAt.getEpochSecond()))
        .encode();
  }

  static String ready(Readiness r, long nowMillis) {
    JsonArray listeners = new JsonArray();
    r.listeners().forEach((name, port) -> listeners.add(new JsonObject()
        .put("name", name).put("listening", port != null).put("port", port)));
    JsonObject body = new JsonObject()
        .put("status", r.ready() ? "ready" : "not ready")
        .put("reasons", new JsonArray(r.reasons()))
        .put("listeners", listeners)
        .put("upstream", upstream(r));
    r.spool().ifPresent(s -> body.put("spool", spool(s, nowMillis)));
    return body.encode();
  }

  private static JsonObject upstream(Readiness r) {
    JsonArray connections = new JsonArray();
    for (LinkStatus s : r.upstream()) {
      connections.add(new JsonObject()
          .put("clientId", s.clientId())
          .put("state", s.state().name())
          .put("since", s.since().toString())
          .put("lastError", s.lastError())
          .put("nextAttempt", s.nextAttempt() == null ? null : s.nextAttempt().toString())
          .put("queued", s.queued())
          .put("inflight", s.inflight()));
    }
    return new JsonObject().put("enabled", !r.upstream().isEmpty()).put("connections", connections);
  }

  private static JsonObject spool(SpoolStats s, long nowMillis) {
    return new JsonObject()
        .put("storageFailing", s.storageFailing())
        .put("messages", s.messages())
        .put("bytes", s.bytes())
        .put("oldestAgeSeconds", GatewayMetrics.ageSeconds(s, nowMillis))
        .put("refusedStorage", s.refusedStorage())
        .put("refusedFull", s.refusedFull());
  }
}
