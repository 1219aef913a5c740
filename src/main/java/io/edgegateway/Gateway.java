package io.edgegateway;

import io.edgegateway.config.GatewayConfig;
import io.edgegateway.config.UpstreamConfig;
import io.edgegateway.local.BrokerStats;
import io.edgegateway.local.Ingress;
import io.edgegateway.local.LocalBroker;
import io.edgegateway.local.access.DeviceAuthenticator;
import io.edgegateway.local.access.ReloadableTopicAccess;
import io.edgegateway.local.access.TopicAccess;
import io.edgegateway.local.access.UpstreamAdmission;
import io.edgegateway.local.auth.AclFile;
import io.edgegateway.local.auth.PasswordFile;
import io.edgegateway.ops.OpsHttp;
import io.edgegateway.ops.Readiness;
import io.edgegateway.route.DownlinkDelivery;
import io.edgegateway.route.ForwardingIngress;
import io.edgegateway.route.RouteStats;
import io.edgegateway.route.Router;
import io.edgegateway.spool.SpoolDrain;
import io.edgegateway.spool.SpoolIntake;
import io.edgegateway.spool.SpoolOutlet;
import io.edgegateway.spool.SpoolOpener;
import io.edgegateway.spool.SpoolStats;
import io.edgegateway.spool.SpoolWriter;
import io.edgegateway.upstream.LinkCounters;
import io.edgegateway.upstream.LinkState;
import io.edgegateway.upstream.LinkStatus;
import io.edgegateway.upstream.Upstream;
import io.edgegateway.upstream.UpstreamLink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The running gateway: builds every part from the configuration and starts and stops them in
 * order. The composition root; nothing else wires parts together.
 */
public final class Gateway {

  /** Time given to messages in flight upstream to be acknowledged when the gateway stops. */
  private static final long UPSTREAM_STOP_GRACE_MS = 3000;
  /** Most spooled messages handed to the upstream link at a time, whatever the quota. */
  private static final int MAX_DRAIN_OUTSTANDING = 500;
  /** Wait before a message the link could not take for now is offered again. */
  private static final Duration DRAIN_RETRY_DELAY = Duration.ofMillis(200);

  private final Vertx vertx;
  private final GatewayConfig config;
  private final LocalBroker broker;
  private final Upstream upstream;
  private final SpoolWriter spool;
  private final SpoolDrain drain;
  private final RouteStats routeStats;
  private final Reloader reloader;
  /** Set once, in {@link #start}, before anything runs. */
  private OpsHttp ops;
  /** The devices' own connections and their admission, with {@code upstream.identity: device}; else null. */
  private DeviceIdentity devices;
  private volatile String brokerDeployment;
  private volatile Readiness.Phase phase = Readiness.Phase.STARTING;

  private Gateway(Vertx vertx, GatewayConfig config, LocalBroker broker, Upstream upstream, SpoolWriter spool,
      SpoolDrain drain, RouteStats routeStats, Reloader reloader) {
    this.vertx = vertx;
    this.config = config;
    this.broker = broker;
    this.upstream = upstream;
    this.spool = spool;
    this.drain = drain;
    this.routeStats = routeStats;
    this.reloader = reloader;
  }

  /**
   * Starts a gateway. Reads the password and ACL files first, so a bad file fails here with a
   * {@link io.edgegateway.config.ConfigException} naming its line. The ops HTTP listener (if enabled)
   * listens first: it answers "not ready" while the device listeners bind, and a port it cannot have
   * fails the start before any device connects.
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
    SpoolWriter spool = null;
    if (config.upstream().enabled()) {
      try {
        // a corrupt file is moved aside and reported at ERROR by the opener; the gateway starts anyway
        spool = new SpoolWriter(new SpoolOpener(Clock.systemUTC()).open(config.spool().directory(),
            config.spool().durability()).store(), config.spool().options(), Clock.systemUTC()).start();
      } catch (SQLException | RuntimeException e) {
        return Future.failedFuture(new IllegalStateException("cannot open the spool in "
            + config.spool().directory() + ": " + e.getMessage(), e));
      }
    }
    Vertx vertx = Vertx.vertx();
    RouteStats routeStats = new RouteStats();
    Router router = config.router();
    Upstream upstream = null;
    DeviceIdentity devices = null;
    UpstreamAdmission admission = null;
    SpoolDrain drain = null;
    Ingress ingress = Ingress.LOCAL_ONLY;
    ForwardingIngress forwarding = null;
    DownlinkDelivery downlink = null;
    // the broker is built before the link, which needs somewhere to deliver downlink messages
    AtomicReference<LocalBroker> brokerRef = new AtomicReference<>();
    if (config.upstream().perDevice()) {
      downlink = new DownlinkDelivery(router, m -> brokerRef.get().deliver(m),
          (clientId, m) -> brokerRef.get().deliverTo(clientId, m), routeStats);
      devices = DeviceIdentity.create(vertx, config, router, downlink, brokerRef::get);
      upstream = devices.links();
      admission = devices.admission();
      drain = drain(vertx, spool, devices.links(), new DeviceOutlet(devices.links()),
          Math.min(MAX_DRAIN_OUTSTANDING, Math.max(1, config.upstream().maxQueuedMessages() / 4)));
      devices.links().retireAfter(drain::settled);
    } else if (config.upstream().enabled()) {
      downlink = new DownlinkDelivery(router, m -> brokerRef.get().deliver(m), routeStats);
      UpstreamLink link = UpstreamLink.create(vertx, config.upstream(), router.upstreamSubscriptions(),
          downlink::accept);
      upstream = link;
      int window = drainWindow(config.upstream());
      drain = drain(vertx, spool, link, new LinkOutlet(link, window), window);
    }
    if (config.upstream().enabled()) {
      forwarding = new ForwardingIngress(router, new SpoolIntake(spool, config.spool().options())::accept,
          routeStats);
      ingress = forwarding;
    }
    DeviceIdentity deviceIdentity = devices;
    DeviceAuthenticator authenticator = new DeviceAuthenticator(passwords);
    ReloadableTopicAccess access = new ReloadableTopicAccess(acl == null ? TopicAccess.ALLOW_ALL : TopicAccess.of(acl));
    LocalBroker broker = new LocalBroker(config, authenticator, access, ingress, admission);
    brokerRef.set(broker);
    Reloader reloader = new Reloader(config, authenticator, access, forwarding, downlink, upstream);
    Upstream link = upstream;
    SpoolWriter writer = spool;
    SpoolDrain spoolDrain = drain;
    Gateway gateway = new Gateway(vertx, config, broker, link, writer, spoolDrain, routeStats, reloader);
    gateway.devices = deviceIdentity;
    if (config.ops().http().enabled()) {
      gateway.ops = OpsHttp.create(vertx, config.ops().http(), gateway);
    }
    return (gateway.ops == null ? Future.<Integer>succeededFuture() : gateway.ops.start())
        .compose(opsPort -> vertx.deployVerticle(broker))
        .compose(id -> {
          gateway.brokerDeployment = id;
          return link == null ? Future.<Void>succeededFuture() : link.start();
        })
        .map(v -> {
          if (spoolDrain != null) {
            spoolDrain.start();
          }
          if (deviceIdentity != null) {
            deviceIdentity.admission().sweepExpired(vertx);
          }
          gateway.phase = Readiness.Phase.RUNNING;
          return gateway;
        })
        .recover(e -> {
          if (writer != null) {
            writer.close();
          }
          // the deploying context ends with Vert.x: answer now rather than after close completes
          gateway.closeVertx();
          return Future.failedFuture(e);
        });
  }

  /**
   * The drain from the spool into the link. It hands messages only to connections that are up: during
   * an outage they wait in the spool, where its bounds and their time to live apply.
   */
  private static SpoolDrain drain(Vertx vertx, SpoolWriter spool, Upstream link, SpoolOutlet outlet, int window) {
    SpoolDrain drain = new SpoolDrain(vertx, spool, outlet, window, DRAIN_RETRY_DELAY);
    link.onStateChange(changed -> drain.connectionsChanged());
    return drain;
  }

  /**
   * How many spooled messages the drain hands to the link at a time: about one second of the link's
   * publish quota (at least its in-flight window), which keeps it busy, within a quarter of its queue.
   * More would only wait in the link's queue, where a device's new message waits behind all of them: the
   * drain can let devices take turns only among what it has not yet handed on.
   */
  static int drainWindow(UpstreamConfig upstream) {
    int second = upstream.connections()
        * Math.max(upstream.quota().publishesPerSecond(), upstream.quota().maxInflight());
    return Math.max(1, Math.min(Math.min(second, MAX_DRAIN_OUTSTANDING), upstream.maxQueuedMessages() / 4));
  }

  /**
   * Stops handing spooled messages upstream, disconnects the devices (no new messages), gives those in
   * flight a moment to be acknowledged by IoT Core (and removed from the spool), writes what the spool
   * still has queued and closes it, closes the link, then releases every resource. What IoT Core did not
   * acknowledge stays in the spool for the next start.
   */
  public Future<Void> stop() {
    phase = Readiness.Phase.STOPPING;
    if (upstream == null) {
      return closeVertx();
    }
    // begin with a future of no context: one of vertx.undeploy's would run the steps after it on an event
    // loop that vertx.close ends, and the last step would never be reported
    return drain.stop()
        .eventually(() -> vertx.undeploy(brokerDeployment))
        .eventually(() -> upstream.drain(UPSTREAM_STOP_GRACE_MS))
        // the drain's context has run the acknowledgements that came in meanwhile: their deletes are queued
        .eventually(drain::stop)
        .eventually(spool::close)
        .eventually(upstream::close)
        .eventually(this::closeVertx);
  }

  /** Closes Vert.x, and with it the ops HTTP listener, which answers "not ready" until then. */
  private Future<Void> closeVertx() {
    if (ops != null) {
      ops.close();
    }
    return vertx.close();
  }

  /**
   * Applies a new configuration without dropping connections: the device password and ACL files and the
   * forward and downlink rules. Everything is read and checked first; on an error nothing changes.
   *
   * @return the sections that changed but need a restart to apply
   * @throws IOException when the password or ACL file cannot be read
   * @throws io.edgegateway.config.ConfigException when one of them is invalid
   */
  public List<String> reload(GatewayConfig next) throws IOException {
    return reloader.reload(next);
  }

  /** The spool's totals; empty for a local-only gateway. */
  public Optional<SpoolStats> spoolStats() {
    return spool == null ? Optional.empty() : Optional.of(spool.stats());
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

  /** Messages refused because the link's queue towards IoT Core was full; 0 for a local-only gateway. */
  public long upstreamRefusedQueueFull() {
    return upstream == null ? 0 : upstream.refusedQueueFull();
  }

  /**
   * Spooled messages IoT Core refused for good (a PUBACK such as 0x87: the policy does not allow the topic),
   * removed from the spool; 0 for a local-only gateway. Their devices were acknowledged when the message was
   * committed, before IoT Core saw it.
   */
  public long upstreamRefusedByIotCore() {
    return drain == null ? 0 : drain.refused();
  }

  /** Each upstream connection's counters, by client id; empty for a local-only gateway. */
  public Map<String, LinkCounters> upstreamCounters() {
    return upstream == null ? Map.of() : upstream.counters();
  }

  /** Whether devices reach IoT Core as themselves, each on its own connection. */
  public boolean perDevice() {
    return devices != null;
  }

  /** With per-device identity: how many devices' connections are in each state now; else empty. */
  public Map<LinkState, Integer> deviceConnections() {
    return devices == null ? Map.of() : devices.links().connectionsByState();
  }

  /** With per-device identity: the devices' CONNECTs answered with {@code verdict} since start; else 0. */
  public long deviceAdmissions(UpstreamAdmission.Verdict verdict) {
    return devices == null ? 0 : devices.admission().admissions(verdict);
  }

  /** Whether this gateway has an upstream link (and a spool). */
  public boolean upstreamEnabled() {
    return upstream != null;
  }

  /** Whether it can take devices' messages now: listeners bound, spool writing; upstream state alongside. */
  public Readiness readiness() {
    return Readiness.of(phase, config.listeners().stream().map(l -> l.name()).toList(), broker.boundPorts(),
        upstreamStatus(), spoolStats());
  }

  /** The port of the ops HTTP listener; empty when it is disabled. */
  public Optional<Integer> opsPort() {
    return ops == null ? Optional.empty() : Optional.of(ops.port());
  }

  public GatewayConfig config() {
    return config;
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
