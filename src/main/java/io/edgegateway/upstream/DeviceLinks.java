package io.edgegateway.upstream;

import io.edgegateway.config.UpstreamConfig;
import io.edgegateway.local.Ingress.RefusedException;
import io.edgegateway.route.Route;
import io.edgegateway.route.Router;
import io.edgegateway.route.UpstreamSubscription;
import io.edgegateway.upstream.credentials.CredentialSource;
import io.edgegateway.upstream.credentials.DeviceCredentials;
import io.edgegateway.upstream.credentials.Denial;
import io.edgegateway.upstream.credentials.PasswordMemo;
import io.edgegateway.upstream.pacing.Pacer;
import io.edgegateway.upstream.sdk.ClientSettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices' own connections to IoT Core ({@code upstream.identity: device}): one per device, under the
 * device's client id, through the custom authorizer with the device's own Cognito credentials, so IoT Core
 * applies the device's policy and quotas and logs it as itself. A connection opens when its device
 * connects ({@link #open}), and closes, once what it has in flight is acknowledged, when the device is gone
 * and the spool holds nothing more of the device's ({@link #release}, {@link #holding}). The device's
 * credentials live in memory only while its connection does. CONNECTs are paced over all devices and a
 * second apart per client id. A device whose credentials IoT Core refuses later (a password changed, a
 * user disabled) loses its connection and is told through {@code refused}. All state lives on one Vert.x
 * context; the entry points may be called from any thread.
 */
public final class DeviceLinks implements Upstream {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceLinks.class);
  /** Time given to a closing connection's messages in flight to be acknowledged. */
  private static final long CLOSE_GRACE_MILLIS = 5_000;
  private static final int QUOTA_EXCEEDED = 0x97;

  /** How a device's connection attempt ended first, which answers the device's CONNECT. */
  public enum Result {
    CONNECTED, BAD_CREDENTIALS, NOT_AUTHORIZED, UNREACHABLE, TOO_MANY, STOPPING
  }

  /**
   * The first outcome of {@link #open}, with the session to {@link #release} when the device leaves (also
   * after a refusal).
   */
  public record Opened(Result result, long session, String detail) {
  }

  private final Vertx vertx;
  private final Context context;
  private final UpstreamConfig config;
  private final ClientSettings settings;
  private final Pacer connects;
  private final DeviceCredentials credentials;
  private final PasswordMemo memo;
  private final DeviceDownlink downlink;
  private final Consumer<DeviceRefusal> refused;
  private volatile Router router;
  /** By client id; written on the context only, read from any thread for status. */
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  /** Attempts with other credentials for a client id in {@link #entries}, until IoT Core answers them. */
  private final Map<String, Entry> candidates = new HashMap<>();
  /** Devices whose messages the spool holds, waiting or on their way. */
  private final Set<String> held = new HashSet<>();
  private final List<Consumer<LinkStatus>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final LongAdder refusedFull = new LongAdder();
  private long sessions;
  private boolean stopped;
  /** Completes once what was handed to the spool so far is written and the drain holds it; see {@link #release}. */
  private Supplier<Future<Void>> spoolSettled = () -> Future.succeededFuture();
  private Consumer<Acceptance> accepted = a -> { };

  /** Messages from IoT Core on a device's own connection, to be delivered to that device. */
  @FunctionalInterface
  public interface DeviceDownlink {
    void accept(String clientId, Router deviceRoutes, String topic, byte[] payload, int qos);
  }

  /**
   * IoT Core accepted a device's connection (again): {@code passwordMemo} is the {@link PasswordMemo} of the
   * password it was opened with.
   */
  public record Acceptance(String clientId, String username, byte[] passwordMemo) {
  }

  /** IoT Core refused the credentials of a device it had accepted, or admitted offline, before. */
  public record DeviceRefusal(String clientId, String username, Denial denial, String detail) {
  }

  /**
   * @param credentials makes the credential source of one device's connection from its username and password;
   *                    closed with the links
   * @param downlink    messages from IoT Core on a device's connection, called on the link's context
   * @param refused     a device admitted before was refused later; called on the link's context
   */
  public DeviceLinks(Vertx vertx, UpstreamConfig config, Router router,
      DeviceCredentials credentials, PasswordMemo memo, DeviceDownlink downlink,
      Consumer<DeviceRefusal> refused) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.config = config;
    this.settings = ClientSettings.of(config);
    this.connects = new Pacer(vertx, config.devices().connectsPerSecond());
    this.credentials = credentials;
    this.memo = memo;
    this.router = router;
    this.downlink = downlink;
    this.refused = refused;
  }

  @Override
  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> {
      LOG.info("upstream: each device connects to IoT Core as itself (at most {} at once, {} CONNECTs per second)",
          config.devices().maxConnections(), config.devices().connectsPerSecond());
      started.complete();
    });
    return started.future();
  }

  /**
   * Opens the device's connection with its credentials, or takes a part in the one it has when they are
   * the same, and completes with the first outcome: connected, refused (and how), unreachable (no answer
   * within {@code connectTimeout}, or a network fault; the connection goes on trying in the background
   * until released), or too many connections. Every outcome carries a session to {@link #release}.
   */
  public Future<Opened> open(String clientId, String username, byte[] password) {
    Promise<Attempt> attempt = Promise.promise();
    context.runOnContext(v -> attempt.complete(openOnContext(clientId, username, password)));
    return attempt.future().compose(Attempt::first);
  }

  private Attempt openOnContext(String clientId, String username, byte[] password) {
    long session = ++sessions;
    if (stopped) {
      return Attempt.done(new Opened(Result.STOPPING, session, "the gateway is stopping"));
    }
    Entry existing = entries.get(clientId);
    if (existing != null && existing.username.equals(username) && memo.matches(existing.memo, password)) {
      existing.sessions.add(session);
      if (existing.connection.connected()) {
        // up now, whatever its first outcome was (IoT Core may have answered after connectTimeout)
        return Attempt.done(new Opened(Result.CONNECTED, session, "IoT Core accepted the device's credentials"));
      }
      return new Attempt(existing.firstOutcome.future().map(r -> new Opened(r.result, session, r.detail)));
    }
    Entry rival = candidates.remove(clientId);
    if (rival != null) {
      discard(rival, "a newer CONNECT with the same client id came");
    }
    // a candidate takes the place of its client id's connection: it counts no more than that one does
    if (existing == null && entries.size() + candidates.size() >= config.devices().maxConnections()) {
      return Attempt.done(new Opened(Result.TOO_MANY, session, "already " + config.devices().maxConnections()
          + " devices connected upstream (upstream.devices.maxConnections)"));
    }
    Entry entry = new Entry(clientId, username, memo.of(password), routesFor(clientId, username));
    entry.sessions.add(session);
    entry.connection = connection(entry, credentials.forDevice(username, password));
    if (existing == null) {
      entries.put(clientId, entry);
    } else {
      // other credentials for a client id that has a connection: IoT Core must check them on a connection of
      // their own, which takes the place of the old one only once accepted (a wrong password must not end it)
      candidates.put(clientId, entry);
    }
    entry.connection.endOnDenial();
    // the wait for IoT Core's answer counts from the CONNECT, not from the device's turn at the pacer
    entry.connection.onConnectSent(() -> {
      if (entry.timeout < 0 && !entry.firstOutcome.future().isComplete()) {
        entry.timeout = vertx.setTimer(config.devices().connectTimeout().toMillis(), id -> settle(entry,
            Result.UNREACHABLE, "IoT Core did not answer within " + config.devices().connectTimeout().toSeconds()
                + " s"));
      }
    });
    entry.connection.start();
    return new Attempt(entry.firstOutcome.future().map(r -> new Opened(r.result, session, r.detail)));
  }

  /** The rules as rendered for one device; a rule that cannot be is left out for it, and said so. */
  private Router routesFor(String clientId, String username) {
    Router.DeviceRoutes routes = router.forDevice(clientId, username);
    routes.problems().forEach(problem -> LOG.warn("upstream {}: {}", clientId, problem));
    return routes.router();
  }

  private UpstreamConnection connection(Entry entry, CredentialSource source) {
    UpstreamConfig.QuotaConfig quota = config.quota();
    UpstreamConfig.ReconnectConfig reconnect = config.reconnect();
    return new UpstreamConnection(vertx, context, settings, entry.clientId, source, connects,
        new Backoff(reconnect.minDelay(), reconnect.maxDelay(), reconnect.deniedDelay(),
            () -> ThreadLocalRandom.current().nextDouble()),
        new QuotaLimiter(quota.publishesPerSecond(), quota.bytesPerSecond(), System.nanoTime()),
        quota.maxInflight(), subscriptions(entry), (topic, payload, qos) -> downlink.accept(entry.clientId,
            entry.routes, topic, payload, qos), status -> changed(entry, status));
  }

  private List<UpstreamSubscription> subscriptions(Entry entry) {
    return entry.routes.upstreamSubscriptions();
  }

  private void changed(Entry entry, LinkStatus status) {
    if (entries.get(entry.clientId) == entry) {
      listeners.forEach(l -> l.accept(status));
    }
    switch (status.state()) {
      case CONNECTED -> connected(entry);
      case RETRYING -> {
        // no CONNECT went yet (its sign-in or its client failed): no connectTimeout runs to answer the device
        if (!iotCoreUp(entry) || entry.timeout < 0) {
          settle(entry, Result.UNREACHABLE, status.lastError());
        }
        // else other devices are connected: a passing fault, and the retry within connectTimeout answers
      }
      case DENIED -> denied(entry, status);
      default -> {
      }
    }
  }

  private void connected(Entry entry) {
    if (candidates.remove(entry.clientId, entry)) {
      Entry old = entries.put(entry.clientId, entry);
      if (old != null) {
        // IoT Core has ended the old connection for this one: what it had in flight goes again on this one
        retire(old);
      }
      listeners.forEach(l -> l.accept(entry.connection.status()));
    }
    settle(entry, Result.CONNECTED, "IoT Core accepted the device's credentials");
    accepted.accept(new Acceptance(entry.clientId, entry.username, entry.memo));
    retireIfUnused(entry);
  }

  /** Whether IoT Core can be reached now, as far as the other devices' connections tell: one is up. */
  private boolean iotCoreUp(Entry besides) {
    for (Entry e : entries.values()) {
      if (e != besides && e.connection.connected()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Settles the first outcome of an attempt. A candidate (other credentials for a client id that has a
   * connection) that was not accepted at once is closed: the connection it would replace goes on.
   */
  private void settle(Entry entry, Result result, String detail) {
    boolean first = entry.first(result, detail);
    if (first && result != Result.CONNECTED && candidates.get(entry.clientId) == entry) {
      candidates.remove(entry.clientId);
      discard(entry, detail);
    }
  }

  private void denied(Entry entry, LinkStatus status) {
    Denial denial = entry.connection.denial();
    boolean first = entry.first(denial == Denial.BAD_CREDENTIALS ? Result.BAD_CREDENTIALS : Result.NOT_AUTHORIZED,
        status.lastError());
    if (!first && entries.get(entry.clientId) == entry) {
      // accepted (or admitted offline) before, refused now: the device must not go on as if it were accepted
      LOG.warn("upstream {}: IoT Core now refuses the credentials of user {}: {}", entry.clientId, entry.username,
          status.lastError());
      refused.accept(new DeviceRefusal(entry.clientId, entry.username, denial, status.lastError()));
    }
    candidates.remove(entry.clientId, entry);
    remove(entry);
    entry.connection.close();
  }

  /** Closes an attempt that is not wanted any more, at once. */
  private void discard(Entry entry, String why) {
    entry.first(Result.UNREACHABLE, why);
    if (entry.timeout >= 0) {
      vertx.cancelTimer(entry.timeout);
      entry.timeout = -1;
    }
    entry.connection.close();
  }

  /** The device's local connection (or a refused CONNECT) is done with {@code session}. Any thread. */
  public void release(String clientId, long session) {
    context.runOnContext(v -> {
      Entry candidate = candidates.get(clientId);
      if (candidate != null && candidate.sessions.remove(session) && candidate.sessions.isEmpty()) {
        candidates.remove(clientId);
        discard(candidate, "the device left before IoT Core answered");
      }
      Entry entry = entries.get(clientId);
      if (entry != null && entry.sessions.remove(session) && entry.sessions.isEmpty()) {
        // what the device published last may still be on its way into the spool (QoS 0 messages wait a moment
        // before they are written): once there, the drain holds it, and the connection stays for it
        spoolSettled.get().onComplete(ar -> context.runOnContext(x -> {
          if (entries.get(clientId) == entry) {
            retireIfUnused(entry);
          }
        }));
      }
    });
  }

  /**
   * What {@link #release} waits for before it closes the connection of a device that left: that the spool has
   * written, and the drain taken in, every message handed to it so far. Set before devices connect.
   */
  public void retireAfter(Supplier<Future<Void>> spoolSettled) {
    this.spoolSettled = spoolSettled;
  }

  /**
   * Tells {@code listener} each time IoT Core accepts a device's connection, also when it reconnects while the
   * device stays connected; called on the link's context. Set before devices connect.
   */
  public void onAccepted(Consumer<Acceptance> listener) {
    this.accepted = listener;
  }

  /**
   * The spool holds messages of this device, waiting or on their way (true), or no longer (false). A
   * device's connection stays open while it does, so what waited out an outage goes on it. Link context.
   */
  public void holding(String clientId, boolean holding) {
    if (holding) {
      held.add(clientId);
      return;
    }
    held.remove(clientId);
    Entry entry = entries.get(clientId);
    if (entry != null) {
      retireIfUnused(entry);
    }
  }

  private void retireIfUnused(Entry entry) {
    if (entry.sessions.isEmpty() && !held.contains(entry.clientId)) {
      retire(entry);
    }
  }

  /** Closes the connection once what it has in flight is acknowledged (or the grace is over). */
  private void retire(Entry entry) {
    remove(entry);
    entry.first(Result.UNREACHABLE, "the device left before IoT Core answered");
    entry.connection.drain(CLOSE_GRACE_MILLIS).onComplete(ar -> entry.connection.close());
  }

  private void remove(Entry entry) {
    if (entry.timeout >= 0) {
      vertx.cancelTimer(entry.timeout);
      entry.timeout = -1;
    }
    if (entries.remove(entry.clientId, entry)) {
      listeners.forEach(l -> l.accept(new LinkStatus(entry.clientId, LinkState.STOPPED, java.time.Instant.now(), null,
          null, 0, 0)));
    }
  }

  // ---- the spool drain's side (link context)

  /** Whether the device's connection is up. */
  public boolean connected(String clientId) {
    Entry entry = entries.get(clientId);
    return entry != null && entry.connection.connected();
  }

  /** Most messages handed to one device's connection at a time: its in-flight quota. */
  public int window() {
    return config.quota().maxInflight();
  }

  /**
   * Sends a device's message on its own connection; fails (passing) when the device has no connection now,
   * so the message stays in the spool.
   */
  public Future<Void> send(Route.Forward message, long expiresAt) {
    if (queued.incrementAndGet() > config.maxQueuedMessages()) {
      queued.decrementAndGet();
      refusedFull.increment();
      return Future.failedFuture(new RefusedException(QUOTA_EXCEEDED,
          "the queue towards IoT Core is full (" + config.maxQueuedMessages() + " messages)"));
    }
    PendingPublish p = new PendingPublish(message, expiresAt);
    if (Vertx.currentContext() == context) {
      enqueue(p);
    } else {
      context.runOnContext(v -> enqueue(p));
    }
    return p.outcome();
  }

  private void enqueue(PendingPublish p) {
    Entry entry = entries.get(p.message.deviceClientId());
    if (entry == null) {
      queued.decrementAndGet();
      p.fail(new RefusedException(0x88, "device " + p.message.deviceClientId() + " has no connection to IoT Core now"));
      return;
    }
    entry.connection.send(p).onComplete(ar -> queued.decrementAndGet());
  }

  // ---- Upstream

  @Override
  public Context context() {
    return context;
  }

  @Override
  public void replaceRoutes(Router next) {
    router = next;
    context.runOnContext(v -> entries.values().forEach(entry -> {
      entry.routes = routesFor(entry.clientId, entry.username);
      entry.connection.replaceSubscriptions(subscriptions(entry));
    }));
  }

  @Override
  public List<LinkStatus> status() {
    return entries.values().stream().map(e -> e.connection.status()).toList();
  }

  /** How many devices' connections are in each state now. Any thread. */
  public Map<LinkState, Integer> connectionsByState() {
    Map<LinkState, Integer> byState = new java.util.EnumMap<>(LinkState.class);
    for (LinkState state : LinkState.values()) {
      byState.put(state, 0);
    }
    entries.values().forEach(e -> byState.merge(e.connection.status().state(), 1, Integer::sum));
    return byState;
  }

  @Override
  public Map<String, LinkCounters> counters() {
    Map<String, LinkCounters> byClientId = new LinkedHashMap<>();
    entries.values().forEach(e -> byClientId.put(e.clientId, e.connection.counters()));
    return byClientId;
  }

  @Override
  public void onStateChange(Consumer<LinkStatus> listener) {
    listeners.add(listener);
  }

  @Override
  public long refusedQueueFull() {
    return refusedFull.sum();
  }

  @Override
  public Future<Void> drain(long graceMillis) {
    Promise<Void> drained = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      Future.join(entries.values().stream().map(e -> e.connection.drain(graceMillis)).toList())
          .onComplete(ar -> drained.complete());
    });
    return drained.future();
  }

  @Override
  public Future<Void> close() {
    Promise<Void> closed = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      new ArrayList<>(entries.values()).forEach(e -> {
        remove(e);
        e.connection.close();
      });
      new ArrayList<>(candidates.values()).forEach(e -> discard(e, "the gateway is stopping"));
      candidates.clear();
      // closing the shared Cognito client may block briefly
      vertx.executeBlocking(() -> {
        credentials.close();
        return null;
      }, false).onComplete(ar -> closed.complete());
    });
    return closed.future();
  }

  /** One device's connection and who uses it. Link context. */
  private static final class Entry {
    final String clientId;
    final String username;
    final byte[] memo;
    final Set<Long> sessions = new HashSet<>();
    final Promise<First> firstOutcome = Promise.promise();
    Router routes;
    UpstreamConnection connection;
    long timeout = -1;

    Entry(String clientId, String username, byte[] memo, Router routes) {
      this.clientId = clientId;
      this.username = username;
      this.memo = memo;
      this.routes = routes;
    }

    /** Settles the first outcome; false when it was settled before. */
    boolean first(Result result, String detail) {
      return firstOutcome.tryComplete(new First(result, detail));
    }
  }

  private record First(Result result, String detail) {
  }

  /** What {@link #openOnContext} decided: the first outcome, now or later. */
  private record Attempt(Future<Opened> first) {
    static Attempt done(Opened opened) {
      return new Attempt(Future.succeededFuture(opened));
    }
  }
}
