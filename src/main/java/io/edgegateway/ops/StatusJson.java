package io.edgegateway.ops;

import io.edgegateway.Gateway;
import io.edgegateway.local.BrokerStats;
import io.edgegateway.local.ConnectedDevice;
import io.edgegateway.spool.SpoolStats;
import io.edgegateway.upstream.LinkCounters;
import io.edgegateway.upstream.LinkStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of {@code /status.json}, which the status page polls: the gateway, its upstream link, its
 * devices, its spool and the recent message counts. Every string is data; the page shows it as text.
 */
final class StatusJson {

  /** Most devices listed by name; the count covers all of them. */
  static final int MAX_DEVICES_LISTED = 200;

  private StatusJson() {
  }

  static String of(Gateway gateway, Instant startedAt, Instant now, TrafficHistory history,
      long intervalMillis) {
    Readiness readiness = gateway.readiness();
    JsonArray listeners = new JsonArray();
    readiness.listeners().forEach((name, port) -> listeners.add(new JsonObject().put("name", name)
        .put("port", port)));
    JsonObject body = new JsonObject()
        .put("gatewayId", gateway.config().gatewayId())
        .put("now", now.toString())
        .put("uptimeSeconds", Math.max(0, now.getEpochSecond() - startedAt.getEpochSecond()))
        .put("ready", readiness.ready())
        .put("reasons", new JsonArray(readiness.reasons()))
        .put("listeners", listeners)
        .put("localOnly", !gateway.upstreamEnabled())
        .put("devices", devices(gateway.stats()));
    if (gateway.upstreamEnabled()) {
      body.put("upstream", upstream(readiness.upstream(), gateway.upstreamCounters(),
          gateway.upstreamRefusedQueueFull()));
    }
    readiness.spool().ifPresent(s -> body.put("spool", spool(s, now.toEpochMilli())));
    body.put("traffic", traffic(history.intervals(TrafficSample.read(gateway, now.toEpochMilli())),
        intervalMillis, history));
    return body.encode();
  }

  private static JsonObject devices(BrokerStats stats) {
    JsonObject refused = new JsonObject();
    long refusedTotal = 0;
    for (BrokerStats.Refusal reason : BrokerStats.Refusal.values()) {
      long n = stats.refusals(reason);
      refusedTotal += n;
      if (n > 0) {
        refused.put(label(reason), n);
      }
    }
    JsonObject drops = new JsonObject();
    for (BrokerStats.Drop reason : BrokerStats.Drop.values()) {
      long n = stats.drops(reason);
      if (n > 0) {
        drops.put(label(reason), n);
      }
    }
    List<ConnectedDevice> devices = stats.devices();
    JsonArray list = new JsonArray();
    for (ConnectedDevice d : devices.subList(0, Math.min(devices.size(), MAX_DEVICES_LISTED))) {
      list.add(new JsonObject()
          .put("clientId", d.clientId())
          .put("username", d.username())
          .put("remoteAddress", d.remoteAddress())
          .put("protocol", d.mqtt5() ? "MQTT 5" : "MQTT 3.1.1")
          .put("since", d.since().toString()));
    }
    return new JsonObject()
        .put("connected", stats.connectedDevices())
        .put("accepted", stats.connectionsAccepted())
        .put("refused", refusedTotal)
        .put("refusedByReason", refused)
        .put("droppedByReason", drops)
        .put("list", list);
  }

  private static JsonObject upstream(List<LinkStatus> statuses, Map<String, LinkCounters> counters,
      long refusedQueueFull) {
    JsonArray connections = new JsonArray();
    for (LinkStatus s : statuses) {
      LinkCounters c = counters.get(s.clientId());
      connections.add(new JsonObject()
          .put("clientId", s.clientId())
          .put("state", label(s.state()))
          .put("since", s.since().toString())
          .put("lastError", s.lastError())
          .put("nextAttempt", s.nextAttempt() == null ? null : s.nextAttempt().toString())
          .put("queued", s.queued())
          .put("inflight", s.inflight())
          .put("connects", c == null ? 0 : c.connects())
          .put("reconnects", c == null ? 0 : c.reconnects())
          .put("denials", c == null ? 0 : c.denials())
          .put("throttled", c == null ? 0 : c.throttledMessages()));
    }
    return new JsonObject().put("connections", connections).put("refusedQueueFull", refusedQueueFull);
  }

  private static JsonObject spool(SpoolStats s, long nowMillis) {
    return new JsonObject()
        .put("messages", s.messages())
        .put("bytes", s.bytes())
        .put("oldestAgeSeconds", GatewayMetrics.ageSeconds(s, nowMillis))
        .put("deferred", s.deferred())
        .put("storageFailing", s.storageFailing())
        .put("drops", new JsonObject()
            .put("expired", s.expired())
            .put("overflow", s.droppedOverflow())
            .put("writerBehind", s.droppedBehind())
            .put("refusedFull", s.refusedFull())
            .put("refusedStorage", s.refusedStorage()));
  }

  /** Column-wise: one array of counts per series, one entry per interval, oldest first. */
  private static JsonObject traffic(List<TrafficHistory.Interval> intervals, long intervalMillis,
      TrafficHistory history) {
    JsonArray ends = new JsonArray();
    JsonArray seconds = new JsonArray();
    JsonArray from = new JsonArray();
    JsonArray to = new JsonArray();
    JsonArray up = new JsonArray();
    JsonArray down = new JsonArray();
    JsonArray dropped = new JsonArray();
    for (TrafficHistory.Interval i : intervals) {
      ends.add(i.endMillis());
      seconds.add(i.seconds());
      from.add(i.fromDevices());
      to.add(i.toDevices());
      up.add(i.upstream());
      down.add(i.downlink());
      dropped.add(i.dropped());
    }
    return new JsonObject()
        .put("intervalSeconds", intervalMillis / 1000.0)
        .put("windowSeconds", intervalMillis * (history.capacity() - 1) / 1000.0)
        .put("ends", ends)
        .put("seconds", seconds)
        .put("series", new JsonObject()
            .put("fromDevices", from)
            .put("toDevices", to)
            .put("upstream", up)
            .put("downlink", down)
            .put("dropped", dropped));
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
