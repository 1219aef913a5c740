package io.edgegateway.route;

import io.edgegateway.message.Message;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.buffer.Buffer;

/** Device messages for the router tests. */
final class Messages {

  private Messages() {
  }

  static Message message(String topic, String clientId, String username) {
    return message(topic, clientId, username, Buffer.buffer("{\"t\":21.5}"), false);
  }

  static Message message(String topic, String clientId, String username, Buffer payload, boolean retain) {
    return new Message(topic, payload, 1, retain, clientId, username, MqttProperties.NO_PROPERTIES, Long.MAX_VALUE);
  }
}
