package io.edgegateway.route;

import io.edgegateway.message.Message;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages from IoT Core, placed on their local topic by the downlink rules and handed to the local
 * broker, which delivers them to the devices whose ACL lets them read that topic.
 */
public final class DownlinkDelivery {

  /** The client id local subscribers see as the publisher of a message from IoT Core. */
  public static final String PUBLISHER = "$iotcore";

  private static final Logger LOG = LoggerFactory.getLogger(DownlinkDelivery.class);

  private volatile Router router;
  private final Consumer<Message> broker;
  private final RouteStats stats;

  public DownlinkDelivery(Router router, Consumer<Message> broker, RouteStats stats) {
    this.router = router;
    this.broker = broker;
    this.stats = stats;
  }

  /** Routes by {@code next} from now on (a reload of the rules). Any thread. */
  public void replace(Router next) {
    router = next;
  }

  /** A publish arrived from IoT Core. */
  public void accept(String upstreamTopic, byte[] payload, int qos) {
    router.downlink(upstreamTopic).ifPresentOrElse(delivery -> {
      stats.delivered(delivery.ruleIndex());
      broker.accept(new Message(delivery.topic(), Buffer.buffer(payload), Math.min(qos, delivery.qos()), false,
          PUBLISHER, null, MqttProperties.NO_PROPERTIES, Long.MAX_VALUE));
    }, () -> {
      stats.unrouted();
      LOG.debug("a message from IoT Core on {} matches no downlink rule that can place it", upstreamTopic);
    });
  }
}
