package io.edgegateway.local.will;

import io.edgegateway.message.Message;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes wills: at once, or after the MQTT 5 Will Delay Interval unless the device reconnects
 * first, and at the latest when its session ends.
 */
public final class WillPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(WillPublisher.class);

  private record Pending(Will will, long timer) {
  }

  private final Vertx vertx;
  private final Consumer<Message> publish;
  private final Map<String, Pending> pending = new HashMap<>();
  private boolean stopped;

  /** @param publish how a will enters the broker, exactly like a message the device published */
  public WillPublisher(Vertx vertx, Consumer<Message> publish) {
    this.vertx = vertx;
    this.publish = publish;
  }

  /** The device's connection ended abnormally. */
  public void connectionLost(String clientId, Will will) {
    if (will == null || stopped) {
      return;
    }
    if (will.delaySeconds() == 0) {
      fire(clientId, will);
      return;
    }
    long timer = vertx.setTimer(will.delaySeconds() * 1000, id -> {
      if (pending.remove(clientId) != null) {
        fire(clientId, will);
      }
    });
    Pending previous = pending.put(clientId, new Pending(will, timer));
    if (previous != null) {
      vertx.cancelTimer(previous.timer());
    }
  }

  /** The device reconnected before its will's delay ran out: the will is not published. */
  public void reconnected(String clientId) {
    Pending p = pending.remove(clientId);
    if (p != null) {
      vertx.cancelTimer(p.timer());
    }
  }

  /** The session ended: a delayed will is published now. */
  public void sessionEnded(String clientId) {
    Pending p = pending.remove(clientId);
    if (p != null) {
      vertx.cancelTimer(p.timer());
      fire(clientId, p.will());
    }
  }

  /**
   * The broker is stopping: the devices are being disconnected by the gateway, not lost, so no will
   * is published from now on.
   */
  public void stop() {
    stopped = true;
    pending.values().forEach(p -> vertx.cancelTimer(p.timer()));
    pending.clear();
  }

  private void fire(String clientId, Will will) {
    LOG.debug("publishing the will of client {} to {}", clientId, will.message().topic());
    publish.accept(will.publishable(System.nanoTime()));
  }
}
