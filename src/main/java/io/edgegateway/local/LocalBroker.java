package io.edgegateway.local;

import io.edgegateway.config.GatewayConfig;
import io.edgegateway.config.ListenerConfig;
import io.edgegateway.local.access.DeviceAuthenticator;
import io.edgegateway.local.access.TopicAccess;
import io.edgegateway.local.access.UpstreamAdmission;
import io.edgegateway.local.connect.ConnectHandler;
import io.edgegateway.local.connection.DeviceConnection;
import io.edgegateway.local.listener.ListenerOptions;
import io.edgegateway.local.publish.Dispatcher;
import io.edgegateway.local.publish.RetainedMessages;
import io.edgegateway.local.session.QueueBudget;
import io.edgegateway.local.session.Session;
import io.edgegateway.local.session.SessionRegistry;
import io.edgegateway.local.subscribe.SubscriptionOptions;
import io.edgegateway.local.subscription.SubscriptionTree;
import io.edgegateway.local.will.WillPublisher;
import io.edgegateway.message.Message;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device-facing MQTT broker: every listener of the configuration, and the broker state they share.
 * One verticle instance, so all broker state lives on one event loop and needs no locks.
 */
public final class LocalBroker extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);
  private static final long STOP_GRACE_MS = 3000;

  private final GatewayConfig config;
  private final DeviceAuthenticator authenticator;
  private final TopicAccess access;
  private final Ingress ingress;
  private final UpstreamAdmission upstreamAdmission;
  private final BrokerStats stats = new BrokerStats();
  private final Map<String, Integer> boundPorts = new ConcurrentHashMap<>();
  private final List<MqttServer> servers = new ArrayList<>();
  private SessionRegistry sessions;
  private ConnectHandler connectHandler;
  private WillPublisher wills;
  private Dispatcher dispatcher;
  private long watchdog = -1;

  /**
   * @param authenticator checks device credentials
   * @param access        topic permissions of devices
   * @param ingress       where accepted messages go after local delivery
   */
  public LocalBroker(GatewayConfig config, DeviceAuthenticator authenticator, TopicAccess access, Ingress ingress) {
    this(config, authenticator, access, ingress, null);
  }

  /**
   * @param upstreamAdmission admits devices by their own upstream identity ({@code upstream.identity:
   *                          device}) instead of the password file; null otherwise
   */
  public LocalBroker(GatewayConfig config, DeviceAuthenticator authenticator, TopicAccess access, Ingress ingress,
      UpstreamAdmission upstreamAdmission) {
    this.config = config;
    this.authenticator = authenticator;
    this.access = access;
    this.ingress = ingress;
    this.upstreamAdmission = upstreamAdmission;
  }

  @Override
  public Future<?> start() {
    SubscriptionTree<SubscriptionOptions> tree = new SubscriptionTree<>();
    RetainedMessages retained = new RetainedMessages(config.sessions().maxRetainedMessages(),
        config.sessions().maxRetainedBytes());
    sessions = new SessionRegistry(vertx, tree, stats, config.sessions().maxQueuedMessages(),
        config.limits().maxInflight(), config.limits().maxPendingWriteBytes(),
        new QueueBudget(config.sessions().maxQueuedBytes()),
        Math.max(config.sessions().maxSessions(), config.limits().maxConnections()));
    dispatcher = new Dispatcher(tree, retained, sessions, stats);
    wills = new WillPublisher(vertx, will -> {
      dispatcher.dispatch(will);
      ingress.accept(will).onFailure(e -> LOG.warn("will of client {} not forwarded: {}", will.clientId(),
          e.getMessage()));
    });
    sessions.onSessionEnd(s -> wills.sessionEnded(s.clientId()));
    BrokerParts parts = new BrokerParts(vertx, config.limits(), config.sessions(), authenticator, access, tree,
        sessions, dispatcher, wills, ingress, stats, upstreamAdmission);
    connectHandler = new ConnectHandler(parts);
    watchdog = vertx.setPeriodic(1000, id -> closeSilentConnections());

    List<Future<?>> listening = new ArrayList<>();
    for (ListenerConfig listener : config.listeners()) {
      MqttServer server = MqttServer.create(vertx, ListenerOptions.of(listener, config.limits()));
      server.endpointHandler(endpoint -> connectHandler.handle(endpoint, listener));
      server.exceptionHandler(t -> LOG.debug("listener {}: {}", listener.name(), t.toString()));
      servers.add(server);
      listening.add(server.listen().map(s -> {
        boundPorts.put(listener.name(), s.actualPort());
        LOG.info("listener {} ({}) on {}:{}{}, {}", listener.name(), listener.type().configName(),
            listener.host(), s.actualPort(), listener.type().webSocket() ? "/mqtt" : "",
            listener.allowAnonymous() ? "anonymous devices allowed" : "credentials required");
        return s;
      }).recover(e -> Future.failedFuture(new IllegalStateException(
          "listener " + listener.name() + " cannot listen on " + listener.host() + ":" + listener.port() + ": "
              + e.getMessage(), e))));
    }
    return Future.all(listening);
  }

  /**
   * Stops accepting, tells every device (MQTT 5: reason "server shutting down"), waits a moment for
   * their sockets to close so the DISCONNECT packets reach them, then closes the listeners.
   */
  @Override
  public Future<?> stop() {
    connectHandler.stopAccepting();
    wills.stop();
    vertx.cancelTimer(watchdog);
    List<Future<Void>> disconnected = new ArrayList<>();
    for (Session s : new ArrayList<>(sessions.all())) {
      DeviceConnection c = s.connection();
      if (c != null) {
        c.disconnect(MqttDisconnectReasonCode.SERVER_SHUTTING_DOWN);
        disconnected.add(c.closed());
      }
    }
    LOG.info("local broker stopping: disconnecting {} devices", disconnected.size());
    Promise<Void> devicesGone = Promise.promise();
    long grace = vertx.setTimer(STOP_GRACE_MS, id -> devicesGone.tryComplete());
    Future.join(disconnected).onComplete(ar -> {
      vertx.cancelTimer(grace);
      devicesGone.tryComplete();
    });
    return devicesGone.future().compose(v -> {
      List<Future<?>> closing = new ArrayList<>();
      for (MqttServer server : servers) {
        closing.add(server.close());
      }
      return Future.join(closing);
    }).onComplete(ar -> sessions.clear());
  }

  /**
   * Delivers a message that did not come from a device (a command from IoT Core) to the local
   * subscribers whose ACL lets them read its topic. Thread-safe.
   */
  public void deliver(Message message) {
    context.runOnContext(v -> {
      if (dispatcher != null) {
        dispatcher.dispatch(message);
      }
    });
  }

  /**
   * Delivers a message from IoT Core that came on one device's own upstream connection (per-device
   * identity) to that device alone, by its subscriptions and ACL. Any thread.
   */
  public void deliverTo(String clientId, Message message) {
    context.runOnContext(v -> {
      if (dispatcher != null) {
        dispatcher.dispatchTo(clientId, message);
      }
    });
  }

  /**
   * Disconnects a device, if connected (MQTT 5: with {@code reason}); its session stays as for any lost
   * connection. Any thread.
   */
  public void disconnect(String clientId, MqttDisconnectReasonCode reason) {
    context.runOnContext(v -> {
      DeviceConnection c = sessions == null ? null : sessions.connectionOf(clientId);
      if (c != null) {
        c.disconnect(reason);
      }
    });
  }

  /** Port each listener is bound to, by listener name (useful with port 0). */
  public Map<String, Integer> boundPorts() {
    return new LinkedHashMap<>(boundPorts);
  }

  public BrokerStats stats() {
    return stats;
  }

  private void closeSilentConnections() {
    long now = System.nanoTime();
    for (Session s : new ArrayList<>(sessions.all())) {
      DeviceConnection c = s.connection();
      if (c != null && c.keepAliveExpired(now)) {
        LOG.info("client {} silent for longer than 1.5 times its keep-alive: closing its connection", c.clientId());
        c.disconnect(MqttDisconnectReasonCode.KEEP_ALIVE_TIMEOUT);
      }
    }
  }
}
