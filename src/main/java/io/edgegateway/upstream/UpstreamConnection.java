package io.edgegateway.upstream;

import io.edgegateway.route.UpstreamSubscription;
import io.edgegateway.local.Ingress.RefusedException;
import io.edgegateway.upstream.credentials.CredentialSource;
import io.edgegateway.upstream.pacing.Pacer;
import io.edgegateway.upstream.credentials.CredentialsRefusedException;
import io.edgegateway.upstream.credentials.Denial;
import io.edgegateway.upstream.credentials.UpstreamCredentials;
import io.edgegateway.upstream.sdk.ClientEvents;
import io.edgegateway.upstream.sdk.ClientSettings;
import io.edgegateway.upstream.sdk.ConnectFailure;
import io.edgegateway.upstream.sdk.IotCoreClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream MQTT connection (one client id) through its whole life: get credentials, connect, send
 * the {@link PublishQueue}, keep the downlink subscriptions, and after a failure try again with
 * backoff. A denial by the authorizer is told apart from a network fault: it is logged once, backed
 * off longer and shown in the state. An end of an established connection (IoT Core's
 * {@code disconnectAfterInSeconds}, for one) is routine: it reconnects at once. Before token
 * credentials expire it drains what is in flight, disconnects and reconnects with fresh ones, so
 * nothing is lost or reordered. Confined to one Vert.x context; SDK events hop onto it.
 */
final class UpstreamConnection implements ClientEvents {

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamConnection.class);
  /** A connection that lasted this long was healthy: its end is routine, not a fault to back off from. */
  private static final long STABLE_NANOS = 10_000_000_000L;
  /** Most time given to in-flight messages to be acknowledged before a planned reconnect. */
  private static final long DRAIN_MILLIS = 10_000;
  /** SUBSCRIBE packets IoT Core accepts at most this many filters. */
  private static final int FILTERS_PER_SUBSCRIBE = 8;

  private final Vertx vertx;
  private final Context context;
  private final ClientSettings settings;
  private final String clientId;
  private final CredentialSource credentials;
  private final Pacer pacer;
  private final Backoff backoff;
  private final PublishQueue queue;
  private List<UpstreamSubscription> subscriptions;
  private final DownlinkHandler downlink;
  private final QuotaLimiter quota;
  private final Consumer<LinkStatus> stateChanges;
  private final LinkCounters counters = new LinkCounters();
  private IotCoreClient client;
  private long generation;
  private long connectedAtNanos;
  private long timer = -1;
  private boolean stopped;
  /** An attempt is getting its credentials or building its client. */
  private boolean fetching;
  private boolean closed;
  /** The fault last logged at WARN since the last successful connection; a different one is logged again. */
  private String loggedFault;
  /** Told each time a CONNECT goes, after its turn at the pacer. */
  private Runnable connectSent = () -> { };
  /** How the credentials were last refused; null until they are. */
  private Denial denial;
  private volatile LinkState state = LinkState.STOPPED;
  private volatile Instant since = Instant.now();
  private volatile String lastError;
  private volatile Instant nextAttempt;

  UpstreamConnection(Vertx vertx, Context context, ClientSettings settings, String clientId,
      CredentialSource credentials, Pacer pacer, Backoff backoff, QuotaLimiter quota, int maxInflight,
      List<UpstreamSubscription> subscriptions, DownlinkHandler downlink, Consumer<LinkStatus> stateChanges) {
    this.vertx = vertx;
    this.context = context;
    this.settings = settings;
    this.clientId = clientId;
    this.credentials = credentials;
    this.pacer = pacer;
    this.backoff = backoff;
    this.quota = quota;
    this.queue = new PublishQueue(vertx, context, quota, maxInflight, this::troubled, counters);
    this.subscriptions = List.copyOf(subscriptions);
    this.downlink = downlink;
    this.stateChanges = stateChanges;
  }

  /** Tells {@code listener} each time a CONNECT goes (its turn at the pacer came). Before {@link #start()}. */
  void onConnectSent(Runnable listener) {
    this.connectSent = listener;
  }

  /** Starts connecting. Call on the link's context. */
  void start() {
    attempt();
  }

  /** Queues a message; call on the link's context. */
  Future<Void> send(PendingPublish p) {
    if (closed) {
      p.fail(new RefusedException(0x88, "the gateway is stopping"));
      return p.outcome();
    }
    return queue.add(p); // while draining it waits, and is failed by close() once the devices are gone
  }

  /**
   * Stops connecting and sending: gives what is in flight up to {@code graceMillis} to be acknowledged
   * (its devices are still connected to hear it). Messages queued meanwhile wait for {@link #close()}.
   */
  Future<Void> drain(long graceMillis) {
    stopped = true;
    cancelTimer();
    Promise<Void> done = Promise.promise();
    long grace = vertx.setTimer(Math.max(1, graceMillis), id -> done.tryComplete());
    if (client != null && state == LinkState.CONNECTED) {
      queue.pause(() -> {
        vertx.cancelTimer(grace);
        done.tryComplete();
      });
    } else {
      vertx.cancelTimer(grace);
      done.tryComplete();
    }
    return done.future();
  }

  /**
   * Disconnects and fails what IoT Core has not acknowledged. Call once the devices are disconnected:
   * they were not acknowledged, and publish those messages again when they reconnect.
   */
  void close() {
    stopped = true;
    closed = true;
    cancelTimer();
    queue.failAll(new RefusedException(0x88, "the gateway stopped before IoT Core acknowledged the message"));
    closeClient(true);
    enter(LinkState.STOPPED, null);
  }

  /** Whether it is connected now. Any thread. */
  boolean connected() {
    return state == LinkState.CONNECTED;
  }

  /** How the credentials were last refused (meaningful in {@link LinkState#DENIED}); link context. */
  Denial denial() {
    return denial;
  }

  LinkCounters counters() {
    return counters;
  }

  LinkStatus status() {
    return new LinkStatus(clientId, state, since, lastError, nextAttempt, queue.waiting(), queue.inflight());
  }

  // ---- connecting

  private void attempt() {
    cancelTimer();
    nextAttempt = null;
    if (stopped || fetching || client != null) {
      return; // one attempt at a time: the one under way decides what comes next
    }
    if (state != LinkState.DENIED && state != LinkState.RETRYING) {
      enter(LinkState.CONNECTING, lastError);
    }
    fetching = true;
    credentials.next().onComplete(ar -> {
      if (stopped) {
        fetching = false;
        return;
      }
      if (ar.failed()) {
        fetching = false;
        if (ar.cause() instanceof CredentialsRefusedException refused) {
          denial = refused.denial();
          denied(ar.cause().getMessage());
        } else {
          fault("cannot get credentials for user " + credentials.username() + ": " + ar.cause().getMessage());
        }
        return;
      }
      connectWith(ar.result());
    });
  }

  private void connectWith(UpstreamCredentials creds) {
    // building a client reads the CA file and sets up native TLS: not on the event loop; then the pacer
    // keeps IoT Core's connect rates (per client id, and over all connections) right before the CONNECT goes
    vertx.executeBlocking(() -> IotCoreClient.create(settings, clientId, creds, this), false)
        .compose(built -> pacer.turn(clientId).map(built), failure -> Future.failedFuture(failure))
        .onComplete(ar -> {
      fetching = false;
      if (ar.failed()) {
        fault("cannot start a connection: " + ar.cause().getMessage());
        return;
      }
      if (stopped) {
        ar.result().close();
        return;
      }
      generation++;
      client = ar.result();
      try {
        client.start();
        connectSent.run();
        scheduleRenewal(creds.renewAt());
      } catch (RuntimeException e) {
        closeClient(false);
        fault("cannot start a connection: " + e.getMessage());
      }
    });
  }


  private void scheduleRenewal(Instant renewAt) {
    if (renewAt == null) {
      return;
    }
    // rounded up: a timer firing before renewAt would be handed the same credentials again
    long delay = Math.max(1, Duration.between(Instant.now(), renewAt).toMillis() + 1);
    long forGeneration = generation;
    vertx.setTimer(delay, id -> {
      if (!stopped && generation == forGeneration && state == LinkState.CONNECTED) {
        renew();
      }
    });
  }

  /** Fresh credentials are due: drain, disconnect, reconnect with them. */
  private void renew() {
    LOG.info("upstream {}: renewing the credentials of user {}; reconnecting once {} in-flight messages are acknowledged",
        clientId, credentials.username(), queue.inflight());
    long forGeneration = generation;
    long bound = vertx.setTimer(DRAIN_MILLIS, id -> reconnectAfterRenewal(forGeneration));
    queue.pause(() -> {
      vertx.cancelTimer(bound);
      reconnectAfterRenewal(forGeneration);
    });
  }

  private void reconnectAfterRenewal(long forGeneration) {
    if (stopped || generation != forGeneration) {
      return;
    }
    queue.connectionLost();
    closeClient(true);
    enter(LinkState.CONNECTING, null);
    attempt();
  }

  // ---- SDK events (any thread)

  @Override
  public void connected(IotCoreClient c) {
    context.runOnContext(v -> {
      pacer.answered(clientId);
      if (c != client || stopped) {
        return;
      }
      connectedAtNanos = System.nanoTime();
      counters.connected();
      boolean recovered = state == LinkState.RETRYING || state == LinkState.DENIED;
      loggedFault = null;
      enter(LinkState.CONNECTED, null);
      LOG.info("upstream {}: connected to {} as user {}{}", clientId, settings.endpoint(), credentials.username(),
          recovered ? " (recovered)" : "");
      subscribe(c);
      queue.resume(c, generation);
    });
  }

  @Override
  public void connectFailed(IotCoreClient c, ConnectFailure failure) {
    context.runOnContext(v -> {
      pacer.answered(clientId);
      if (c != client || stopped) {
        return;
      }
      closeClient(false);
      if (failure.denied()) {
        denial = failure.denial();
        credentials.refused();
        // IoT Core answers the same when the authorizer allows the user but its policy not this client id
        denied("the authorizer denied user " + credentials.username() + " (" + failure.description()
            + "; if the user is right, check that its policy allows client id " + clientId + ")");
      } else {
        fault("cannot connect to " + settings.endpoint() + ":" + settings.port() + ": " + failure.description());
      }
    });
  }

  @Override
  public void disconnected(IotCoreClient c, String reason, boolean routine) {
    context.runOnContext(v -> {
      if (c != client || stopped) {
        return;
      }
      boolean stable = System.nanoTime() - connectedAtNanos >= STABLE_NANOS;
      queue.connectionLost();
      closeClient(false);
      if (routine || stable) {
        backoff.reset();
        LOG.info("upstream {}: IoT Core ended the connection ({}); reconnecting", clientId, reason);
        enter(LinkState.CONNECTING, null);
        attempt();
      } else {
        fault("connection lost soon after connecting: " + reason);
      }
    });
  }

  @Override
  public void message(IotCoreClient c, String topic, byte[] payload, int qos) {
    context.runOnContext(v -> {
      quota.inbound(payload.length + topic.length(), System.nanoTime());
      downlink.accept(topic, payload, qos);
    });
  }

  // ---- outcomes

  private void denied(String why) {
    counters.denied();
    long delay = backoff.nextDeniedDelayMillis();
    if (state != LinkState.DENIED) {
      LOG.warn("upstream {}: {}; retrying in {} s", clientId, why, delay / 1000);
    } else {
      LOG.debug("upstream {}: {}; retrying in {} s", clientId, why, delay / 1000);
    }
    retryIn(delay);
    enter(LinkState.DENIED, why);
  }

  private void fault(String why) {
    long delay = backoff.nextFaultDelayMillis();
    if (!why.equals(loggedFault)) {
      LOG.warn("upstream {}: {}; retrying in {} ms (the same failure again is logged at debug level)", clientId, why,
          delay);
      loggedFault = why;
    } else {
      LOG.debug("upstream {}: {}; retrying in {} ms", clientId, why, delay);
    }
    retryIn(delay);
    enter(LinkState.RETRYING, why);
  }

  /** A publish failed while the connection looked up: end it, so what was in flight goes out again in order. */
  private void troubled(String why) {
    if (client == null || stopped) {
      return;
    }
    LOG.warn("upstream {}: {}; reconnecting", clientId, why);
    if (System.nanoTime() - connectedAtNanos >= STABLE_NANOS) {
      backoff.reset(); // a healthy connection came before: start from the shortest delay
    }
    queue.connectionLost();
    closeClient(true);
    fault(why);
  }

  /**
   * Replaces the downlink subscriptions (a reload): a connected client subscribes to the new filters and
   * unsubscribes from the ones gone, without reconnecting; a later connection subscribes to the new set.
   */
  void replaceSubscriptions(List<UpstreamSubscription> next) {
    context.runOnContext(v -> {
      List<UpstreamSubscription> added = next.stream().filter(s -> !subscriptions.contains(s)).toList();
      List<String> gone = subscriptions.stream()
          .filter(s -> next.stream().noneMatch(n -> n.filter().equals(s.filter())))
          .map(UpstreamSubscription::filter).toList();
      subscriptions = List.copyOf(next);
      IotCoreClient c = state == LinkState.CONNECTED ? client : null;
      if (c == null) {
        return;
      }
      subscribe(c, added);
      if (!gone.isEmpty()) {
        c.unsubscribe(gone).whenComplete((ok, error) -> {
          if (error != null) {
            LOG.debug("upstream {}: unsubscribing from {} failed: {}", clientId, gone, error.getMessage());
          }
        });
      }
    });
  }

  private void subscribe(IotCoreClient c) {
    subscribe(c, subscriptions);
  }

  private void subscribe(IotCoreClient c, List<UpstreamSubscription> subscriptions) {
    for (int from = 0; from < subscriptions.size(); from += FILTERS_PER_SUBSCRIBE) {
      List<UpstreamSubscription> batch = subscriptions.subList(from, Math.min(subscriptions.size(), from + FILTERS_PER_SUBSCRIBE));
      List<String> filters = new ArrayList<>();
      List<Integer> qos = new ArrayList<>();
      for (UpstreamSubscription s : batch) {
        filters.add(s.filter());
        qos.add(s.qos());
      }
      c.subscribe(filters, qos).whenComplete((codes, error) -> context.runOnContext(v -> {
        if (error != null) {
          LOG.debug("upstream {}: subscribing to {} failed: {}", clientId, filters, error.getMessage());
          return;
        }
        for (int i = 0; i < codes.size() && i < filters.size(); i++) {
          if (codes.get(i) >= 0x80) {
            LOG.warn("upstream {}: IoT Core refused the subscription to {} (reason 0x{}): check the policy the "
                + "authorizer returns", clientId, filters.get(i), Integer.toHexString(codes.get(i)));
          }
        }
      }));
    }
  }

  private void retryIn(long delayMillis) {
    cancelTimer();
    nextAttempt = Instant.now().plusMillis(delayMillis);
    timer = vertx.setTimer(Math.max(1, delayMillis), id -> attempt());
  }

  private void cancelTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void closeClient(boolean graceful) {
    IotCoreClient c = client;
    client = null;
    if (c == null) {
      return;
    }
    // stopping and releasing native resources may block briefly: not on the event loop
    vertx.executeBlocking(() -> {
      try {
        if (graceful) {
          c.stop();
        }
      } finally {
        c.close();
      }
      return null;
    }, false).onFailure(e -> LOG.debug("upstream {}: closing a client: {}", clientId, e.toString()));
  }

  private void enter(LinkState next, String error) {
    boolean changed = state != next;
    if (changed) {
      since = Instant.now();
    }
    state = next;
    lastError = error;
    if (changed) {
      stateChanges.accept(status());
    }
  }
}
