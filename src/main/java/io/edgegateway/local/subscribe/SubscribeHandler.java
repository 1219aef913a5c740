package io.edgegateway.local.subscribe;

import io.edgegateway.local.connection.DeviceConnection;
import io.edgegateway.local.publish.Dispatcher;
import io.edgegateway.local.session.Session;
import io.edgegateway.local.subscription.SharedFilter;
import io.edgegateway.local.subscription.SubscriptionTree;
import io.edgegateway.local.subscription.Topics;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUBSCRIBE and UNSUBSCRIBE of one connection: validates each filter, checks the ACL and the
 * per-client subscription limit, updates the subscription tree, answers with one reason code per
 * filter, and then sends the retained messages the new subscriptions ask for.
 */
public final class SubscribeHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SubscribeHandler.class);

  private final DeviceConnection connection;
  private final Session session;
  private final SubscriptionTree<SubscriptionOptions> tree;
  private final Dispatcher dispatcher;
  private final int maxSubscriptions;

  public SubscribeHandler(DeviceConnection connection, Session session, SubscriptionTree<SubscriptionOptions> tree,
      Dispatcher dispatcher, int maxSubscriptions) {
    this.connection = connection;
    this.session = session;
    this.tree = tree;
    this.dispatcher = dispatcher;
    this.maxSubscriptions = maxSubscriptions;
  }

  public void onSubscribe(MqttSubscribeMessage msg) {
    connection.touch();
    int subscriptionId = subscriptionId(msg.properties());
    List<MqttSubAckReasonCode> codes = new ArrayList<>(msg.topicSubscriptions().size());
    List<Runnable> retainedToSend = new ArrayList<>();
    for (MqttTopicSubscription ts : msg.topicSubscriptions()) {
      String filter = ts.topicName();
      MqttSubscriptionOption o = ts.subscriptionOption();
      if (!Topics.isValidSubscription(filter)) {
        codes.add(failure(MqttSubAckReasonCode.TOPIC_FILTER_INVALID));
        continue;
      }
      Optional<SharedFilter> shared = SharedFilter.parse(filter);
      String plain = shared.map(SharedFilter::filter).orElse(filter);
      if (shared.isPresent() && o != null && o.isNoLocal()) {
        // MQTT 5 3.8.3.1: No Local on a shared subscription is a protocol error
        LOG.info("client {} asked for No Local on shared subscription {}: disconnecting it", connection.clientId(),
            filter);
        connection.disconnect(MqttDisconnectReasonCode.PROTOCOL_ERROR);
        return;
      }
      if (!connection.permissions().canSubscribe(plain)) {
        LOG.debug("client {} may not subscribe to {}", connection.clientId(), filter);
        codes.add(failure(MqttSubAckReasonCode.NOT_AUTHORIZED));
        continue;
      }
      int qos = Math.min(2, ts.qualityOfService().value());
      SubscriptionOptions options = new SubscriptionOptions(qos,
          o != null && o.isNoLocal(),
          o != null && o.isRetainAsPublished(),
          o == null ? 0 : o.retainHandling().value(),
          subscriptionId);
      boolean exists = tree.contains(connection.clientId(), filter);
      if (!exists && tree.count(connection.clientId()) >= maxSubscriptions) {
        codes.add(failure(MqttSubAckReasonCode.QUOTA_EXCEEDED));
        continue;
      }
      tree.put(connection.clientId(), filter, options);
      codes.add(MqttSubAckReasonCode.qosGranted(io.netty.handler.codec.mqtt.MqttQoS.valueOf(qos)));
      boolean sendRetained = shared.isEmpty()
          && (options.retainHandling() == 0 || (options.retainHandling() == 1 && !exists));
      if (sendRetained) {
        retainedToSend.add(() -> dispatcher.sendRetained(session, plain, options));
      }
    }
    try {
      connection.endpoint().subscribeAcknowledge(msg.messageId(), codes, MqttProperties.NO_PROPERTIES);
    } catch (IllegalArgumentException closed) {
      return;
    }
    retainedToSend.forEach(Runnable::run);
  }

  public void onUnsubscribe(MqttUnsubscribeMessage msg) {
    connection.touch();
    List<MqttUnsubAckReasonCode> codes = new ArrayList<>(msg.topics().size());
    for (String filter : msg.topics()) {
      boolean removed = tree.remove(connection.clientId(), filter) != null;
      codes.add(removed ? MqttUnsubAckReasonCode.SUCCESS : MqttUnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED);
    }
    try {
      if (connection.isMqtt5()) {
        connection.endpoint().unsubscribeAcknowledge(msg.messageId(), codes, MqttProperties.NO_PROPERTIES);
      } else {
        connection.endpoint().unsubscribeAcknowledge(msg.messageId());
      }
    } catch (IllegalArgumentException closed) {
      // connection gone
    }
  }

  private MqttSubAckReasonCode failure(MqttSubAckReasonCode mqtt5Code) {
    return connection.isMqtt5() ? mqtt5Code : MqttSubAckReasonCode.UNSPECIFIED_ERROR;
  }

  private static int subscriptionId(MqttProperties props) {
    if (props == null) {
      return 0;
    }
    MqttProperties.MqttProperty<?> p = props.getProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value());
    return p == null ? 0 : (Integer) p.value();
  }
}
