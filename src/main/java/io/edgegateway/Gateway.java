package io.edgegateway;

import io.edgegateway.config.GatewayConfig;
import io.edgegateway.local.BrokerStats;
import io.edgegateway.local.Ingress;
import io.edgegateway.local.LocalBroker;
import io.edgegateway.local.access.DeviceAuthenticator;
import io.edgegateway.local.access.TopicAccess;
import io.edgegateway.local.auth.AclFile;
import io.edgegateway.local.auth.PasswordFile;
import io.edgegateway.route.DownlinkDelivery;
import io.edgegateway.route.ForwardingIngress;
import io.edgegateway.route.RouteStats;
import io.edgegateway.route.Router;
import io.edgegateway.upstream.LinkStatus;
import io.edgegateway.upstream.UpstreamLink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The running gateway: builds every part from the configuration and starts and stops them in
 * order. The composition root; nothing else wires parts together.
 */
public final class Gateway {

  /** Time given to messages in flight upstream to be acknowledged when the gateway stops. */
  private static final long UPSTREAM_STOP_GRACE_MS = 3000;

  private final Vertx vertx;
  private final LocalBroker broker;
  private final String brokerDeployment;
  private final UpstreamLink upstream;
  private final RouteStats routeStats;

  private Gateway(Vertx vertx, LocalBroker broker, String brokerDeployment, UpstreamLink upstream,
      RouteStats routeStats) {
    this.vertx = vertx;
    this.broker = broker;
    this.brokerDeployment = brokerDeployment;
    this.upstream = upstream;
    this.routeStats = routeStats;
  }

  /**
   * Starts a gateway. Reads the password and ACL files first, so a bad file fails here with a
   * {@link io.edgegateway.config.ConfigException} naming its line.
   */
  public static Future<Gateway> start(GatewayConfig config) {
    PasswordFile passwords;
    AclFile acl;
    try {
      passwords = config.auth().passwordFile() == null ? null : PasswordFile.load(config.auth().passwordFile());
      acl = config.auth().aclFile() == null ? null : AclFile.load(config.auth().aclFile());
    } catch (IOException e) {
      return Future.failedFuture(new UncheckedIOException("cannot read " + e.getMessage(), e));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Vertx vertx = Vertx.vertx();
    RouteStats routeStats = new RouteStats();
    Router router = config.router();
    UpstreamLink upstream = null;
    Ingress ingress = Ingress.LOCAL_ONLY;
    // the broker is built before the link, which needs somewhere to deliver downlink messages
    AtomicReference<LocalBroker> brokerRef = new AtomicReference<>();
    if (config.upstream().enabled()) {
      DownlinkDelivery downlink = new DownlinkDelivery(router, m -> brokerRef.get().deliver(m), routeStats);
      upstream = UpstreamLink.create(vertx, config.upstream(), router.upstreamSubscriptions(), downlink::accept);
      ingress = new ForwardingIngress(router, upstream::send, routeStats);
    }
    LocalBroker broker = new LocalBroker(config, new DeviceAuthenticator(passwords),
        acl == null ? TopicAccess.ALLOW_ALL : TopicAccess.of(acl), ingress);
    brokerRef.set(broker);
    UpstreamLink link = upstream;
    return vertx.deployVerticle(broker)
        .compose(id -> (link == null ? Future.<Void>succeededFuture() : link.start())
            .map(v -> new Gateway(vertx, broker, id, link, routeStats)))
        .recover(e -> {
          // the deploying context ends with Vert.x: answer now rather than after close completes
          vertx.close();
          return Future.failedFuture(e);
        });
  }

  /**
   * Gives messages in flight upstream a moment to be acknowledged (their devices still connected to
   * hear it), then disconnects the devices, then fails upstream whatever IoT Core has not acknowledged
   * (those devices were left unacknowledged: they publish it again), then releases every resource.
   */
  public Future<Void> stop() {
    if (upstream == null) {
      return vertx.close();
    }
    return upstream.drain(UPSTREAM_STOP_GRACE_MS)
        .compose(v -> vertx.undeploy(brokerDeployment))
        .eventually(upstream::close)
        .eventually(vertx::close);
  }

  /** The state of each upstream connection; empty for a local-only gateway. */
  public List<LinkStatus> upstreamStatus() {
    return upstream == null ? List.of() : upstream.status();
  }

  /** Tells {@code listener} each time an upstream connection changes state (never for a local-only gateway). */
  public void onUpstreamStateChange(Consumer<LinkStatus> listener) {
    if (upstream != null) {
      upstream.onStateChange(listener);
    }
  }

  public RouteStats routeStats() {
    return routeStats;
  }

  /** Bound port of each listener, by name. */
  public Map<String, Integer> ports() {
    return broker.boundPorts();
  }

  /** Bound port of one listener. */
  public int port(String listenerName) {
    Integer p = broker.boundPorts().get(listenerName);
    if (p == null) {
      throw new IllegalArgumentException("no listener named " + listenerName);
    }
    return p;
  }

  public BrokerStats stats() {
    return broker.stats();
  }
}
