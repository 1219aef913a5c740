package io.edgegateway.local.connect;

import io.edgegateway.local.BrokerStats;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;

/** Why a CONNECT is refused, with the CONNACK code for each protocol version. */
enum Refusal {
  BAD_CREDENTIALS(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD,
      MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD, BrokerStats.Refusal.BAD_CREDENTIALS),
  CREDENTIALS_REQUIRED(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5,
      MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, BrokerStats.Refusal.NOT_AUTHORIZED),
  CLIENT_ID_INVALID(MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID,
      MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, BrokerStats.Refusal.CLIENT_ID_INVALID),
  TOO_MANY_CONNECTIONS(MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED,
      MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, BrokerStats.Refusal.TOO_MANY_CONNECTIONS),
  KEEP_ALIVE_TOO_LONG(MqttConnectReturnCode.CONNECTION_REFUSED_PROTOCOL_ERROR,
      MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, BrokerStats.Refusal.KEEP_ALIVE_TOO_LONG),
  WILL_NOT_AUTHORIZED(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5,
      MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, BrokerStats.Refusal.WILL_NOT_AUTHORIZED),
  WILL_TOPIC_INVALID(MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID,
      MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, BrokerStats.Refusal.PROTOCOL_ERROR),
  AUTH_METHOD_UNSUPPORTED(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_AUTHENTICATION_METHOD,
      MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, BrokerStats.Refusal.PROTOCOL_ERROR),
  BUSY(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY,
      MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, BrokerStats.Refusal.TOO_MANY_CONNECTIONS),
  UPSTREAM_UNAVAILABLE(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5,
      MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, BrokerStats.Refusal.UPSTREAM_UNAVAILABLE),
  SHUTTING_DOWN(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5,
      MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, BrokerStats.Refusal.SHUTTING_DOWN);

  final MqttConnectReturnCode mqtt5;
  final MqttConnectReturnCode mqtt311;
  final BrokerStats.Refusal counter;

  Refusal(MqttConnectReturnCode mqtt5, MqttConnectReturnCode mqtt311, BrokerStats.Refusal counter) {
    this.mqtt5 = mqtt5;
    this.mqtt311 = mqtt311;
    this.counter = counter;
  }
}
