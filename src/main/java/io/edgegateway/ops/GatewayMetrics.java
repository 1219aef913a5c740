package io.edgegateway.ops;

import io.edgegateway.Gateway;
import io.edgegateway.config.DownlinkRuleConfig;
import io.edgegateway.config.ForwardRuleConfig;
import io.edgegateway.local.BrokerStats;
import io.edgegateway.route.RouteStats;
import io.edgegateway.spool.SpoolStats;
import io.edgegateway.local.access.UpstreamAdmission;
import io.edgegateway.upstream.LinkCounters;
import io.edgegateway.upstream.LinkState;
import io.edgegateway.upstream.LinkStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's own meters, each reading a counter the gateway keeps anyway (broker, routing, spool and
 * link statistics): a scrape reads them, and nothing is added to the message path. Names start with
 * {@code edge_gateway_} once Prometheus writes them; the list is in the README.
 */
final class GatewayMetrics {

  static final String PREFIX = "edge_gateway.";
  private static final String DROPPED = "Messages dropped or not accepted, by stage and reason";
  private static final String REFUSED = "Device messages refused on their way upstream, by stage and reason";
  private static final String ROUTED = "Messages routed, by direction and rule (its index in forward or downlink)";

  private final Gateway gateway;
  private final MeterRegistry registry;
  private final Set<Integer> routeRefusalCodes = new HashSet<>();

  GatewayMetrics(Gateway gateway, MeterRegistry registry) {
    this.gateway = gateway;
    this.registry = registry;
  }

  /** Registers every meter whose series are known at start. */
  void bind() {
    Gauge.builder(PREFIX + "info", () -> 1).tag("gateway_id", gateway.config().gatewayId())
        .description("Constant 1; the gateway's id as a label").strongReference(true).register(registry);
    devices(gateway.stats());
    if (gateway.upstreamEnabled()) {
      rules(gateway.routeStats());
      spool();
      upstream();
    }
  }

  /** Registers series whose labels appear at run time (a refusal reason first seen). Call before a scrape. */
  void refresh() {
    if (!gateway.upstreamEnabled()) {
      return;
    }
    RouteStats routes = gateway.routeStats();
    for (Integer code : routes.refused().keySet()) {
      if (routeRefusalCodes.add(code)) {
        counter("messages.refused", routes, r -> r.refused().getOrDefault(code, 0L),
            Tags.of("stage", "route", "reason", "0x" + Integer.toHexString(code)), REFUSED);
      }
    }
  }

  private void devices(BrokerStats stats) {
    gauge("devices.connected", stats, BrokerStats::connectedDevices, Tags.empty(), "Devices connected now");
    counter("device.connections.accepted", stats, BrokerStats::connectionsAccepted, Tags.empty(),
        "Device connections accepted");
    for (BrokerStats.Refusal reason : BrokerStats.Refusal.values()) {
      counter("device.connections.refused", stats, s -> s.refusals(reason), Tags.of("reason", label(reason)),
          "Device connections refused, by reason");
    }
    counter("device.messages.received", stats, BrokerStats::messagesReceived, Tags.empty(),
        "Messages devices published to the gateway");
    counter("device.messages.sent", stats, BrokerStats::messagesSent, Tags.empty(),
        "Messages the gateway delivered to devices");
    for (BrokerStats.Drop reason : BrokerStats.Drop.values()) {
      counter("messages.dropped", stats, s -> s.drops(reason), Tags.of("stage", "local", "reason", label(reason)),
          DROPPED);
    }
  }

  private void rules(RouteStats routes) {
    List<ForwardRuleConfig> forward = gateway.config().forward();
    for (int i = 0; i < forward.size(); i++) {
      int rule = i;
      counter("rule.messages", routes, r -> r.forwarded().getOrDefault(rule, 0L),
          Tags.of("direction", "upstream", "rule", Integer.toString(i), "filter", forward.get(i).filter()),
          ROUTED);
    }
    List<DownlinkRuleConfig> downlink = gateway.config().downlink();
    for (int i = 0; i < downlink.size(); i++) {
      int rule = i;
      counter("rule.messages", routes, r -> r.delivered().getOrDefault(rule, 0L),
          Tags.of("direction", "downlink", "rule", Integer.toString(i), "filter", downlink.get(i).filter()),
          ROUTED);
    }
    counter("downlink.unrouted.messages", routes, RouteStats::downlinkUnrouted, Tags.empty(),
        "Messages from IoT Core that no downlink rule could place");
  }

  private void spool() {
    spoolGauge("spool.messages", SpoolStats::messages, "Messages in the spool, waiting for IoT Core");
    spoolGauge("spool.bytes", SpoolStats::bytes, "Topic, client id and payload bytes in the spool");
    gauge("spool.oldest.age.seconds", gateway,
        g -> g.spoolStats().map(s -> ageSeconds(s, System.currentTimeMillis())).orElse(0.0), Tags.empty(),
        "Age of the oldest message in the spool; 0 when empty");
    spoolGauge("spool.deferred.messages", SpoolStats::deferred, "QoS 0 messages waiting in memory to be written");
    spoolGauge("spool.storage.failing", s -> s.storageFailing() ? 1 : 0,
        "1 while the spool's last transaction failed (disk full or I/O error)");
    spoolCounter("spool.commits", SpoolStats::transactions, Tags.empty(), "Spool transactions committed");
    spoolCounter("spool.appended.messages", SpoolStats::appended, Tags.empty(), "Messages written to the spool");
    spoolCounter("spool.acknowledged.messages", SpoolStats::deleted, Tags.empty(),
        "Messages removed from the spool after IoT Core acknowledged them");
    spoolCounter("spool.read.messages", SpoolStats::readBack, Tags.empty(),
        "Messages read back from the spool's disk to be forwarded (after an outage or a restart, or when they "
            + "did not fit in memory); a link that keeps up reads none");
    spoolCounter("spool.write.skipped.messages", SpoolStats::writeSkipped, Tags.empty(),
        "Messages IoT Core acknowledged before the spool wrote them: never written to disk");
    spoolCounter("spool.written.bytes", s -> Math.max(0, s.bytesWritten()), Tags.empty(),
        "Bytes the spool's writer sent to the disk (0 where the system does not tell)");
    spoolCounter("messages.dropped", SpoolStats::expired, Tags.of("stage", "spool", "reason", "expired"), DROPPED);
    spoolCounter("messages.dropped", SpoolStats::droppedOverflow, Tags.of("stage", "spool", "reason", "overflow"),
        DROPPED);
    spoolCounter("messages.dropped", SpoolStats::droppedBehind,
        Tags.of("stage", "spool", "reason", "writer_behind"), DROPPED);
    spoolCounter("messages.refused", SpoolStats::refusedFull, Tags.of("stage", "spool", "reason", "full"), REFUSED);
    spoolCounter("messages.refused", SpoolStats::refusedStorage,
        Tags.of("stage", "spool", "reason", "storage_failing"), REFUSED);
    FunctionTimer.builder(PREFIX + "spool.commit.latency", gateway,
            g -> g.spoolStats().map(s -> s.commitLatency().count()).orElse(0L),
            g -> g.spoolStats().map(s -> (double) s.commitLatency().sumNanos()).orElse(0.0), TimeUnit.NANOSECONDS)
        .description("From a QoS 1 message's append to the commit that made it safe").register(registry);
  }

  private void upstream() {
    counter("messages.refused", gateway, g -> g.upstreamRefusedQueueFull(),
        Tags.of("stage", "upstream", "reason", "queue_full"), REFUSED);
    counter("messages.refused", gateway, g -> g.upstreamRefusedByIotCore(),
        Tags.of("stage", "upstream", "reason", "iot_core"), REFUSED);
    if (gateway.perDevice()) {
      perDevice();
      return; // the devices' connections come and go: they are counted by state, not one series each
    }
    for (Map.Entry<String, LinkCounters> e : gateway.upstreamCounters().entrySet()) {
      String clientId = e.getKey();
      LinkCounters c = e.getValue();
      Tags connection = Tags.of("connection", clientId);
      for (LinkState state : LinkState.values()) {
        gauge("upstream.state", gateway, g -> status(g, clientId).state() == state ? 1 : 0,
            connection.and("state", label(state)), "1 for the state each upstream connection is in, else 0");
      }
      gauge("upstream.queued.messages", gateway, g -> status(g, clientId).queued(), connection,
          "Messages waiting to be sent on the connection");
      gauge("upstream.inflight.messages", gateway, g -> status(g, clientId).inflight(), connection,
          "QoS 1 messages sent and not yet acknowledged");
      counter("upstream.connects", c, LinkCounters::connects, connection, "Connections established");
      counter("upstream.reconnects", c, LinkCounters::reconnects, connection,
          "Connections established after the first");
      counter("upstream.authorizer.denials", c, LinkCounters::denials, connection,
          "Connection attempts the custom authorizer or Cognito refused");
      counter("upstream.throttled.messages", c, LinkCounters::throttledMessages, connection,
          "Messages IoT Core throttled (PUBACK 0x97), sent again");
      FunctionTimer.builder(PREFIX + "upstream.quota.wait", c, LinkCounters::quotaWaits,
              LinkCounters::quotaWaitNanos, TimeUnit.NANOSECONDS)
          .tags(connection).description("Pauses in sending to keep within IoT Core's per-connection quota")
          .register(registry);
    }
  }

  private void perDevice() {
    for (LinkState state : LinkState.values()) {
      gauge("upstream.device.connections", gateway, g -> g.deviceConnections().getOrDefault(state, 0),
          Tags.of("state", label(state)), "Devices' own connections to IoT Core, by state");
    }
    for (UpstreamAdmission.Verdict verdict : UpstreamAdmission.Verdict.values()) {
      counter("device.admissions", gateway, g -> g.deviceAdmissions(verdict), Tags.of("verdict", label(verdict)),
          "Devices' CONNECTs answered by their own upstream identity, by outcome");
    }
  }

  static double ageSeconds(SpoolStats s, long nowMillis) {
    return s.oldestAcceptedAt() < 0 ? 0.0 : Math.max(0, nowMillis - s.oldestAcceptedAt()) / 1000.0;
  }

  private static LinkStatus status(Gateway g, String clientId) {
    return g.upstreamStatus().stream().filter(s -> s.clientId().equals(clientId)).findFirst().orElseThrow();
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private void spoolGauge(String name, ToDoubleFunction<SpoolStats> value, String description) {
    gauge(name, gateway, g -> g.spoolStats().map(value::applyAsDouble).orElse(0.0), Tags.empty(), description);
  }

  private void spoolCounter(String name, ToDoubleFunction<SpoolStats> value, Tags tags, String description) {
    counter(name, gateway, g -> g.spoolStats().map(value::applyAsDouble).orElse(0.0), tags, description);
  }

  private <T> void gauge(String name, T source, ToDoubleFunction<T> value, Tags tags, String description) {
    Gauge.builder(PREFIX + name, source, value).tags(tags).description(description).strongReference(true)
        .register(registry);
  }

  private <T> void counter(String name, T source, ToDoubleFunction<T> value, Tags tags, String description) {
    FunctionCounter.builder(PREFIX + name, source, value).tags(tags).description(description).register(registry);
  }
}
