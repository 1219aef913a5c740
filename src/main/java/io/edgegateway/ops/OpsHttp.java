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
 * The ops HTTP listener of one gateway, put together: {@code /health/live}, {@code /health/ready},
 * {@code /metrics} (Prometheus text format) and the status page ({@code /}, its script and style, and
 * {@code /status.json}, which it polls). A timer samples the message counters for the page's chart.
 */
public final class OpsHttp {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  /** How often the message counters are sampled for the status page's chart. */
  static final long SAMPLE_INTERVAL_MS = 5000;
  /** Samples kept: 15 minutes of them, and the one the first interval starts from. */
  static final int SAMPLES_KEPT = 15 * 60 * 1000 / (int) SAMPLE_INTERVAL_MS + 1;

  private final Vertx vertx;
  private final Gateway gateway;
  private final OpsServer server;
  private final JvmGcMetrics gc;
  private final TrafficHistory history;
  private volatile int port = -1;
  private volatile long sampler = -1;

  private OpsHttp(Vertx vertx, Gateway gateway, OpsServer server, JvmGcMetrics gc, TrafficHistory history) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.server = server;
    this.gc = gc;
    this.history = history;
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
    TrafficHistory history = new TrafficHistory(SAMPLES_KEPT);
    return new OpsHttp(vertx, gateway, new OpsServer(vertx, config, endpoints(gateway, registry, metrics, history)),
        gc, history);
  }

  private static Map<String, OpsEndpoint> endpoints(Gateway gateway, PrometheusMeterRegistry registry,
      GatewayMetrics metrics, TrafficHistory history) {
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
    endpoints.put("/", StatusPage.file("status.html", StatusPage.HTML));
    endpoints.put("/status.js", StatusPage.file("status.js", StatusPage.JS));
    endpoints.put("/status.css", StatusPage.file("status.css", StatusPage.CSS));
    endpoints.put("/status.json", () -> OpsResponse.json(200,
        StatusJson.of(gateway, startedAt, clock.instant(), history, SAMPLE_INTERVAL_MS)));
    return endpoints;
  }

  /** Listens; fails with a message naming {@code ops.http} and the address when it cannot. */
  public Future<Integer> start() {
    return server.start().onSuccess(p -> {
      port = p;
      history.record(TrafficSample.read(gateway, System.currentTimeMillis()));
      sampler = vertx.setPeriodic(SAMPLE_INTERVAL_MS,
          id -> history.record(TrafficSample.read(gateway, System.currentTimeMillis())));
    });
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
    if (sampler != -1) {
      vertx.cancelTimer(sampler);
    }
    gc.close();
  }
}
