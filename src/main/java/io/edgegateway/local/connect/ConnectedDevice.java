package io.edgegateway.local.connect;

import io.edgegateway.local.BrokerParts;
import io.edgegateway.local.connection.DeviceConnection;
import io.edgegateway.local.publish.InboundPublishes;
import io.edgegateway.local.session.Session;
import io.edgegateway.local.subscribe.SubscribeHandler;
import io.edgegateway.local.will.Will;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttDisconnectMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one accepted connection: routes its packets to the handlers that own them, and on
 * close decides about its will and its session.
 */
final class ConnectedDevice {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectedDevice.class);

  private final BrokerParts parts;
  private final DeviceConnection connection;
  private final Session session;
  private final Will will;
  private final InboundPublishes inbound;
  private final SubscribeHandler subscribe;
  private final boolean sessionExpiryWasZero;
  private boolean disconnectedNormally;

  ConnectedDevice(BrokerParts parts, DeviceConnection connection, Session session, Will will) {
    this.parts = parts;
    this.connection = connection;
    this.session = session;
    this.will = will;
    this.sessionExpiryWasZero = session.expirySeconds() == 0;
    this.inbound = new InboundPublishes(parts.vertx(), connection, session, parts.dispatcher(),
        parts.ingress(), parts.stats(), parts.limits().maxPublishRate(), parts.limits().maxInflight());
    this.subscribe = new SubscribeHandler(connection, session, parts.subscriptions(), parts.dispatcher(),
        parts.limits().maxSubscriptions());
  }

  void start() {
    MqttEndpoint ep = connection.endpoint();
    ep.publishHandler(inbound::onPublish);
    ep.publishReleaseHandler(inbound::onPubrel);
    ep.publishAcknowledgeMessageHandler(m -> {
      connection.touch();
      session.outbox().onPuback(m.messageId());
    });
    ep.publishReceivedMessageHandler(m -> {
      connection.touch();
      session.outbox().onPubrec(m.messageId(), m.code());
    });
    ep.publishCompletionMessageHandler(m -> {
      connection.touch();
      session.outbox().onPubcomp(m.messageId(), m.code());
    });
    ep.subscribeHandler(subscribe::onSubscribe);
    ep.unsubscribeHandler(subscribe::onUnsubscribe);
    ep.pingHandler(v -> connection.touch());
    ep.disconnectMessageHandler(this::onDisconnect);
    ep.exceptionHandler(this::onException);
    ep.closeHandler(v -> onClose());
    session.outbox().attach(connection);
  }

  private void onDisconnect(MqttDisconnectMessage msg) {
    disconnectedNormally = msg.code() != MqttDisconnectReasonCode.WITH_WILL_MESSAGE;
    MqttProperties props = msg.properties();
    MqttProperties.MqttProperty<?> expiry = props == null ? null
        : props.getProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
    if (expiry != null && connection.isMqtt5()) {
      long requested = Integer.toUnsignedLong((Integer) expiry.value());
      if (sessionExpiryWasZero && requested != 0) {
        // MQTT 5 3.14.2.2.2: a session that was to end with the connection cannot be extended now
        // a protocol error: the session still ends, and the will is published as for any abnormal end
        // (vertx-mqtt closes the socket right after this handler, so no DISCONNECT 0x82 can be sent)
        LOG.info("client {} set a session expiry on DISCONNECT after connecting with 0: protocol error",
            connection.clientId());
        disconnectedNormally = false;
      } else {
        session.expirySeconds(Math.min(requested == 0xFFFF_FFFFL ? Long.MAX_VALUE : requested,
            parts.sessionConfig().maxSessionExpiry().toSeconds()));
      }
    }
  }

  private void onException(Throwable t) {
    if (!connection.isOpen()) {
      return; // the connection is already ending (vertx-mqtt reports its own close attempts here)
    }
    if (t instanceof TooLongFrameException) {
      LOG.info("client {} sent a packet larger than limits.maxPacketSize ({} bytes): disconnecting it",
          connection.clientId(), parts.limits().maxPacketSize());
      connection.disconnect(MqttDisconnectReasonCode.PACKET_TOO_LARGE);
    } else {
      LOG.info("client {} sent a malformed packet ({}): disconnecting it", connection.clientId(), t.getMessage());
      connection.disconnect(MqttDisconnectReasonCode.MALFORMED_PACKET);
    }
  }

  private void onClose() {
    connection.markClosed();
    inbound.close();
    boolean owner = parts.sessions().detach(session, connection);
    LOG.info("client {} disconnected{}", connection.clientId(), disconnectedNormally ? ""
        : connection.closedByGateway() ? " by the gateway" : " without DISCONNECT");
    if (will == null || disconnectedNormally) {
      return;
    }
    boolean sessionEnded = parts.sessions().get(connection.clientId()) != session;
    if (will.delaySeconds() == 0 || sessionEnded) {
      parts.wills().connectionLost(connection.clientId(), new Will(will.message(), 0, will.expirySeconds()));
    } else if (owner) {
      parts.wills().connectionLost(connection.clientId(), will);
    }
    // taken over with a will delay and the session lives on in the new connection: no will (MQTT 5 3.1.3.2.2)
  }
}
