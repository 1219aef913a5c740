package io.edgegateway.upstream;

import io.edgegateway.route.UpstreamSubscription;
import io.edgegateway.route.Route;
import io.edgegateway.route.Router;
import io.edgegateway.config.CredentialsConfig;
import io.edgegateway.config.UpstreamConfig;
import io.edgegateway.local.Ingress.RefusedException;
import io.edgegateway.upstream.credentials.CredentialSource;
import io.edgegateway.upstream.pacing.Pacer;
import io.edgegateway.upstream.credentials.PasswordCredentials;
import io.edgegateway.upstream.credentials.TokenCredentials;
import io.edgegateway.upstream.sdk.ClientSettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's link to AWS IoT Core: one or more MQTT connections through the custom authorizer, each
 * with its own client id and quotas. A device's messages always travel on the same connection (chosen by
 * its client id), so their order holds; several connections multiply IoT Core's per-connection quota of
 * 100 publishes per second. The first connection also holds the downlink subscriptions. Thread-safe
 * entry points; the connections live on one Vert.x context.
 */
public final class UpstreamLink implements Upstream {

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamLink.class);
  /** MQTT 5 reason "quota exceeded": the queue towards IoT Core is full. */
  private static final int QUOTA_EXCEEDED = 0x97;
  /** The gateway's own few connections connect at most this often over all: far within IoT Core's rate. */
  private static final int MAX_CONNECTS_PER_SECOND = 20;

  private final Vertx vertx;
  private final Context context;
  private final List<UpstreamConnection> connections;
  private final CredentialSource credentials;
  private final int maxQueued;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean full = new AtomicBoolean();
  private final LongAdder refusedFull = new LongAdder();
  private final List<Consumer<LinkStatus>> listeners;

  private UpstreamLink(Vertx vertx, Context context, List<UpstreamConnection> connections,
      CredentialSource credentials, int maxQueued, List<Consumer<LinkStatus>> listeners) {
    this.vertx = vertx;
    this.context = context;
    this.connections = connections;
    this.credentials = credentials;
    this.maxQueued = maxQueued;
    this.listeners = listeners;
  }

  /**
   * Builds the link (not yet connecting).
   *
   * @param subscriptions upstream subscriptions of the downlink rules
   * @param downlink      where messages from IoT Core go, called on the link's context
   */
  public static UpstreamLink create(Vertx vertx, UpstreamConfig config, List<UpstreamSubscription> subscriptions,
      DownlinkHandler downlink) {
    Context context = vertx.getOrCreateContext();
    CredentialSource credentials = credentialSource(vertx, config.credentials());
    ClientSettings settings = ClientSettings.of(config);
    List<UpstreamConnection> connections = new ArrayList<>();
    List<Consumer<LinkStatus>> listeners = new CopyOnWriteArrayList<>();
    // the link's connections each have their own client id: the pacer keeps them a second apart each
    Pacer pacer = new Pacer(vertx, MAX_CONNECTS_PER_SECOND);
    Consumer<LinkStatus> stateChanges = status -> listeners.forEach(l -> l.accept(status));
    for (int i = 0; i < config.connections(); i++) {
      UpstreamConfig.QuotaConfig quota = config.quota();
      UpstreamConfig.ReconnectConfig reconnect = config.reconnect();
      connections.add(new UpstreamConnection(vertx, context, settings, config.clientId(i), credentials, pacer,
          new Backoff(reconnect.minDelay(), reconnect.maxDelay(), reconnect.deniedDelay(),
              () -> ThreadLocalRandom.current().nextDouble()),
          new QuotaLimiter(quota.publishesPerSecond(), quota.bytesPerSecond(), System.nanoTime()),
          quota.maxInflight(), i == 0 ? subscriptions : List.of(), downlink, stateChanges));
    }
    return new UpstreamLink(vertx, context, List.copyOf(connections), credentials, config.maxQueuedMessages(),
        listeners);
  }

  private static CredentialSource credentialSource(Vertx vertx, CredentialsConfig c) {
    return switch (c.mode()) {
      case PASSWORD -> new PasswordCredentials(c.username(), c.password());
      case TOKEN -> new TokenCredentials(vertx, c.username(), c.password(), c.cognito(), Clock.systemUTC());
    };
  }

  /** Starts connecting; completes at once (the link comes up in the background). */
  @Override
  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> {
      LOG.info("upstream: {} connection(s) to IoT Core as user {}", connections.size(), credentials.username());
      connections.forEach(UpstreamConnection::start);
      started.complete();
    });
    return started.future();
  }

  /**
   * Sends a message; the future completes when IoT Core acknowledged it (QoS 1) or it was written (QoS
   * 0). Fails with a {@link RefusedException} when the queue is full or IoT Core refused it. A message
   * IoT Core throttles (PUBACK 0x97) is sent again, in its place, once the quota's second has passed.
   */
  public Future<Void> send(Route.Forward message) {
    return send(message, Long.MAX_VALUE);
  }

  /**
   * Sends a message that must not be sent after {@code expiresAt} (epoch milliseconds): one that waits
   * in the queue until then fails with {@link ExpiredException} instead.
   */
  public Future<Void> send(Route.Forward message, long expiresAt) {
    if (queued.incrementAndGet() > maxQueued) {
      queued.decrementAndGet();
      refusedFull.increment();
      if (full.compareAndSet(false, true)) {
        LOG.warn("upstream: the queue towards IoT Core is full ({} messages): refusing new messages until it "
            + "drains to half", maxQueued);
      }
      return Future.failedFuture(new RefusedException(QUOTA_EXCEEDED,
          "the queue towards IoT Core is full (" + maxQueued + " messages)"));
    }
    PendingPublish p = new PendingPublish(message, expiresAt);
    UpstreamConnection connection = connections.get(connectionOf(message.deviceClientId()));
    if (Vertx.currentContext() == context) {
      enqueue(connection, p); // already on the link's context (the spool drain runs there): no hand-over
    } else {
      context.runOnContext(v -> enqueue(connection, p));
    }
    return p.outcome();
  }

  private void enqueue(UpstreamConnection connection, PendingPublish p) {
    connection.send(p).onComplete(ar -> {
      if (queued.decrementAndGet() <= maxQueued / 2 && full.compareAndSet(true, false)) {
        LOG.info("upstream: the queue towards IoT Core has drained to half; accepting messages again ({} refused)",
            refusedFull.sum());
      }
    });
  }

  /** The Vert.x context the link and its connections live on: sending from it saves a hand-over. */
  @Override
  public Context context() {
    return context;
  }

  /** Replaces the downlink subscriptions (held by the first connection) without reconnecting. */
  @Override
  public void replaceRoutes(Router router) {
    connections.get(0).replaceSubscriptions(router.upstreamSubscriptions());
  }

  /** How many connections the link has. */
  public int connections() {
    return connections.size();
  }

  /** The connection, from 0, that a device's messages always go through. */
  public int connectionOf(String deviceClientId) {
    return Math.floorMod(deviceClientId.hashCode(), connections.size());
  }

  /** Whether that connection is up now. Any thread. */
  public boolean connected(int connection) {
    return connections.get(connection).connected();
  }

  /** Messages refused because the queue towards IoT Core was full, since start. */
  @Override
  public long refusedQueueFull() {
    return refusedFull.sum();
  }

  /** The counters of each connection, by client id, in the order of {@link #status()}. */
  @Override
  public Map<String, LinkCounters> counters() {
    Map<String, LinkCounters> byClientId = new LinkedHashMap<>();
    connections.forEach(c -> byClientId.put(c.status().clientId(), c.counters()));
    return byClientId;
  }

  /** Tells {@code listener} (on the link's context) each time a connection changes state. */
  @Override
  public void onStateChange(Consumer<LinkStatus> listener) {
    listeners.add(listener);
  }

  /** The state of each connection. */
  @Override
  public List<LinkStatus> status() {
    return connections.stream().map(UpstreamConnection::status).toList();
  }

  /**
   * Stops connecting and sending, and gives the messages in flight up to {@code graceMillis} to be
   * acknowledged. Messages sent meanwhile wait, unacknowledged, for {@link #close()}.
   */
  @Override
  public Future<Void> drain(long graceMillis) {
    Promise<Void> drained = Promise.promise();
    context.runOnContext(v -> Future.join(connections.stream().map(c -> c.drain(graceMillis)).toList())
        .onComplete(ar -> drained.complete()));
    return drained.future();
  }

  /**
   * Disconnects and fails every message IoT Core has not acknowledged; call it once the devices are
   * disconnected, so that they are left unacknowledged and publish those messages again.
   */
  @Override
  public Future<Void> close() {
    Promise<Void> closed = Promise.promise();
    context.runOnContext(v -> {
      connections.forEach(UpstreamConnection::close);
      if (credentials instanceof AutoCloseable closeable) {
        vertx.executeBlocking(() -> {
          closeable.close();
          return null;
        }, false).onComplete(ar -> closed.complete());
      } else {
        closed.complete();
      }
    });
    return closed.future();
  }
}
