package io.edgegateway.ops;

import io.edgegateway.Gateway;
import io.edgegateway.config.OpsHttpConfig;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ops HTTP listener of one gateway, put together: {@code /health/live}, {@code /health/ready} and
 * {@code /metrics} (Prometheus text format). A status page would be one more entry in {@link #endpoints}.
 */
public final class OpsHttp {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final OpsServer server;
  private final JvmGcMetrics gc;
  private volatile int port = -1;

  private OpsHttp(OpsServer server, JvmGcMetrics gc) {
    this.server = server;
    this.gc = gc;
  }

  /** Builds the listener and registers the meters; {@link #start()} listens. */
  public static OpsHttp create(Vertx vertx, OpsHttpConfig config, Gateway gateway) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    GatewayMetrics metrics = new GatewayMetrics(gateway, registry);
    metrics.bind();
    return new OpsHttp(new OpsServer(vertx, config, endpoints(gateway, registry, metrics)), gc);
  }

  private static Map<String, OpsEndpoint> endpoints(Gateway gateway, PrometheusMeterRegistry registry,
      GatewayMetrics metrics) {
    Clock clock = Clock.systemUTC();
    Instant startedAt = clock.instant();
    Map<String, OpsEndpoint> endpoints = new LinkedHashMap<>();
    endpoints.put("/health/live", () -> OpsResponse.json(200, HealthJson.live(startedAt, clock.instant())));
    endpoints.put("/health/ready", () -> {
      Readiness r = gateway.readiness();
      return OpsResponse.json(r.ready() ? 200 : 503, HealthJson.ready(r, clock.millis()));
    });
    endpoints.put("/metrics", () -> {
      metrics.refresh();
      return new OpsResponse(200, PROMETHEUS_TEXT, registry.scrape());
    });
    return endpoints;
  }

  /** Listens; fails with a message naming {@code ops.http} and the address when it cannot. */
  public Future<Integer> start() {
    return server.start().onSuccess(p -> port = p);
  }

  /** The bound port; -1 before {@link #start()} completed. */
  public int port() {
    return port;
  }

  /**
   * Releases what the meters hold outside Vert.x (the GC notification listeners). The HTTP listener
   * itself closes with Vert.x, so it answers until the very end of a stop.
   */
  public void close() {
    gc.close();
  }
}
