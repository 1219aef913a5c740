package io.edgegateway.iotcore;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for AWS IoT Core's MQTT endpoint with custom authentication, for tests and benchmarks:
 * TLS with SNI and ALPN {@code mqtt}, the authorizer event and response checks, IoT policies, the
 * per-connection quotas ({@link Quotas}), session timing, and message routing with Basic Ingest. What each
 * step does is described on {@link ConnectHandler}, {@link InboundPublishes}, {@link SubscribeHandler},
 * {@link SessionTimers} and {@link Router}.
 *
 * <p>Everything runs on this verticle's one event loop; the methods here may be called from any thread.
 * Not simulated: persistent sessions (every session is clean), retained messages (the retain flag is
 * checked against the policy and recorded, not stored), wills, shared subscriptions, QoS 2 (refused as IoT
 * Core refuses it; with that quota off a QoS 2 PUBLISH is accepted with PUBREC/PUBCOMP and delivered at QoS 1).
 */
public final class IotCoreSimulator extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(IotCoreSimulator.class);

  private final SimulatorOptions options;
  private final ServerTls tls;
  private final Authorizers authorizers;
  private final Counters counters = new Counters();
  private final ConnectLog connectLog = new ConnectLog();
  private final ArrivalLog arrivals = new ArrivalLog();
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();
  private final ConnectionRegistry registry = new ConnectionRegistry(counters);
  private MqttServer server;
  private SessionTimers timers;
  private Router router;

  private IotCoreSimulator(SimulatorOptions options, ServerTls tls, Authorizers authorizers) {
    this.options = options;
    this.tls = tls;
    this.authorizers = authorizers;
  }

  /** Deploys a simulator and completes once it listens. */
  public static Future<IotCoreSimulator> start(Vertx vertx, SimulatorOptions options, ServerTls tls,
      Authorizers authorizers) {
    IotCoreSimulator simulator = new IotCoreSimulator(options, tls, authorizers);
    return vertx.deployVerticle(simulator).map(id -> simulator);
  }

  @Override
  public Future<?> start() throws Exception {
    context.exceptionHandler(IotCoreSimulator::unhandled);
    AuthorizerCall call = new AuthorizerCall(context, options.authorizerTimeout(), events);
    timers = new SessionTimers(vertx, options.millisPerAuthorizerSecond(), call, counters);
    router = new Router(registry);
    InboundPublishes publishes = new InboundPublishes(vertx, options.quotas(), counters, arrivals, router);
    SubscribeHandler subscribes = new SubscribeHandler(options.quotas(), counters);
    ConnectHandler connects = new ConnectHandler(options, authorizers, call, registry, timers, publishes,
        subscribes, counters, connectLog);
    server = MqttServer.create(vertx, ListenerOptions.create(vertx, options, tls, counters))
        .endpointHandler(connects::handle)
        .exceptionHandler(e -> LOG.debug("listener: {}", e.toString()));
    return server.listen().onSuccess(s -> LOG.info("IoT Core simulator listening on {}:{}", options.host(),
        s.actualPort()));
  }

  /** vertx-mqtt throws for packets a client had already sent when the simulator closed its connection. */
  private static void unhandled(Throwable e) {
    if (e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).startsWith("Received an MQTT packet")) {
      LOG.debug("packet after close: {}", e.getMessage());
    } else {
      LOG.warn("unhandled", e);
    }
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Undeploys the simulator: the listener and every connection close. */
  public Future<Void> close() {
    return vertx.undeploy(deploymentID());
  }

  public int port() {
    return server.actualPort();
  }

  public String host() {
    return options.host();
  }

  public ServerTls tls() {
    return tls;
  }

  public SimulatorOptions options() {
    return options;
  }

  /** Every accepted PUBLISH so far, in order. */
  public List<Arrival> arrivals() {
    return arrivals.snapshot();
  }

  /** Completes with the first {@code count} accepted PUBLISHes (past or future) that match. */
  /** Tells {@code listener} of every publish accepted from now on (on the simulator's event loop). */
  public void onArrival(java.util.function.Consumer<Arrival> listener) {
    arrivals.onArrival(listener);
  }

  public Future<List<Arrival>> awaitArrivals(Predicate<Arrival> predicate, int count) {
    return arrivals.await(predicate, count);
  }

  public void clearArrivals() {
    arrivals.clear();
  }

  /** The most PUBLISHes accepted from this client id within any one-second window. */
  public int maxPublishesInAnySecond(String clientId) {
    return ArrivalLog.maxInWindow(arrivals().stream().filter(a -> a.clientId().equals(clientId)).toList(),
        Duration.ofSeconds(1));
  }

  public Counters counters() {
    return counters;
  }

  public long count(Counter counter) {
    return counters.get(counter);
  }

  /** How many CONNECTs were received, accepted or not. */
  public int connectsReceived() {
    return connectLog.size();
  }

  /** The most CONNECTs received (accepted or not) within any one-second window, over all client ids. */
  public int maxConnectsInAnySecond() {
    return connectLog.maxInAnySecond();
  }

  /** The shortest time between two CONNECTs with the same client id, in ms; -1 when no client id repeats. */
  public long minMillisBetweenConnectsOfOneClientId() {
    return connectLog.minMillisBetweenSameClientId();
  }

  /** How many CONNECTs with this client id were accepted. */
  public long connects(String clientId) {
    return registry.connects(clientId);
  }

  public Set<String> connectedClientIds() {
    return registry.clientIds();
  }

  /** The events sent to authorizers, in order (they hold the base64 password: keep them out of logs). */
  public List<JsonObject> authorizerEvents() {
    return List.copyOf(events);
  }

  /** Does to the client id's connection what reaching disconnectAfterInSeconds does; fails if none. */
  public Future<Void> expire(String clientId) {
    return onContext(() -> {
      Connection connection = registry.get(clientId);
      if (connection == null) {
        return Future.failedFuture("no connection for " + clientId);
      }
      timers.expire(connection);
      return Future.succeededFuture();
    });
  }

  /** Asks the authorizer again now, as at refreshAfterInSeconds; true when the connection goes on. */
  public Future<Boolean> refreshNow(String clientId) {
    return onContext(() -> {
      Connection connection = registry.get(clientId);
      return connection == null ? Future.failedFuture("no connection for " + clientId) : timers.refresh(connection);
    });
  }

  /** The filters a client id's connection is subscribed to now. */
  public Future<Set<String>> subscriptions(String clientId) {
    return onContext(() -> {
      Connection connection = registry.get(clientId);
      return Future.succeededFuture(connection == null ? Set.of() : Set.copyOf(connection.subscriptions.keySet()));
    });
  }

  /**
   * Publishes as the cloud does (a rule's republish, the console): to every subscribed connection whose
   * policy allows {@code iot:Receive}, within its quotas. Completes, once written (QoS 0) or acknowledged
   * (QoS 1) by each, with the number of deliveries.
   */
  public Future<Integer> publish(String topic, byte[] payload, int qos) {
    if (qos < 0 || qos > 1) {
      return Future.failedFuture("IoT Core publishes with QoS 0 or 1");
    }
    return onContext(() -> router.route(topic, Buffer.buffer(payload), qos));
  }

  private <T> Future<T> onContext(Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        action.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }
}
