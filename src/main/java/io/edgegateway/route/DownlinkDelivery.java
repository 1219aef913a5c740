package io.edgegateway.route;

import io.edgegateway.message.Message;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.buffer.Buffer;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages from IoT Core, placed on their local topic by the downlink rules and handed to the local
 * broker, which delivers them to the devices whose ACL lets them read that topic. With per-device
 * identity, a message that came on a device's own connection goes to that device alone, placed by the
 * rules as rendered for it.
 */
public final class DownlinkDelivery {

  /** The client id local subscribers see as the publisher of a message from IoT Core. */
  public static final String PUBLISHER = "$iotcore";

  private static final Logger LOG = LoggerFactory.getLogger(DownlinkDelivery.class);

  private volatile Router router;
  private final Consumer<Message> broker;
  private final BiConsumer<String, Message> toDevice;
  private final RouteStats stats;

  public DownlinkDelivery(Router router, Consumer<Message> broker, RouteStats stats) {
    this(router, broker, (clientId, m) -> broker.accept(m), stats);
  }

  /** @param toDevice delivers to one device alone: a message that came on that device's own connection */
  public DownlinkDelivery(Router router, Consumer<Message> broker, BiConsumer<String, Message> toDevice,
      RouteStats stats) {
    this.router = router;
    this.broker = broker;
    this.toDevice = toDevice;
    this.stats = stats;
  }

  /** Routes by {@code next} from now on (a reload of the rules). Any thread. */
  public void replace(Router next) {
    router = next;
  }

  /** A publish arrived from IoT Core. */
  public void accept(String upstreamTopic, byte[] payload, int qos) {
    deliver(router, upstreamTopic, payload, qos, broker);
  }

  /**
   * A publish arrived from IoT Core on a device's own connection: placed by {@code deviceRoutes} (the rules
   * rendered for that device) and delivered to that device alone.
   */
  public void acceptFor(String clientId, Router deviceRoutes, String upstreamTopic, byte[] payload, int qos) {
    deliver(deviceRoutes, upstreamTopic, payload, qos, m -> toDevice.accept(clientId, m));
  }

  private void deliver(Router routes, String upstreamTopic, byte[] payload, int qos, Consumer<Message> to) {
    routes.downlink(upstreamTopic).ifPresentOrElse(delivery -> {
      stats.delivered(delivery.ruleIndex());
      to.accept(new Message(delivery.topic(), Buffer.buffer(payload), Math.min(qos, delivery.qos()), false,
          PUBLISHER, null, MqttProperties.NO_PROPERTIES, Long.MAX_VALUE));
    }, () -> {
      stats.unrouted();
      LOG.debug("a message from IoT Core on {} matches no downlink rule that can place it", upstreamTopic);
    });
  }
}
