package io.edgegateway;

import io.edgegateway.config.GatewayConfig;
import io.edgegateway.local.BrokerStats;
import io.edgegateway.local.Ingress;
import io.edgegateway.local.LocalBroker;
import io.edgegateway.local.access.DeviceAuthenticator;
import io.edgegateway.local.access.TopicAccess;
import io.edgegateway.local.auth.AclFile;
import io.edgegateway.local.auth.PasswordFile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The running gateway: builds every part from the configuration and starts and stops them in
 * order. The composition root; nothing else wires parts together.
 */
public final class Gateway {

  private final Vertx vertx;
  private final LocalBroker broker;

  private Gateway(Vertx vertx, LocalBroker broker) {
    this.vertx = vertx;
    this.broker = broker;
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
    LocalBroker broker = new LocalBroker(config, new DeviceAuthenticator(passwords),
        acl == null ? TopicAccess.ALLOW_ALL : TopicAccess.of(acl), Ingress.LOCAL_ONLY);
    return vertx.deployVerticle(broker)
        .map(id -> new Gateway(vertx, broker))
        .recover(e -> {
          // the deploying context ends with Vert.x: answer now rather than after close completes
          vertx.close();
          return Future.failedFuture(e);
        });
  }

  /** Stops accepting devices, disconnects them and releases every resource. */
  public Future<Void> stop() {
    return vertx.close();
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
