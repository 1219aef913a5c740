package io.edgegateway.iotcore;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;

/**
 * The CONNACK codes the simulator refuses with, for MQTT 5 and 3.1.1. IoT Core's exact codes are not
 * documented; these are the closest MQTT defines: not authorized 0x87 / 5 (for a denial, a failed
 * authorizer and a refused {@code iot:Connect}), client identifier not valid 0x85 / 2, quota exceeded
 * 0x97 / server unavailable 3 (CONNECT throttling; MQTT 5 also has 0x9F connection rate exceeded).
 */
final class ReasonCodes {
  private ReasonCodes() {
  }

  static MqttConnectReturnCode notAuthorized(boolean mqtt5) {
    return mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
        : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
  }

  static MqttConnectReturnCode clientIdInvalid(boolean mqtt5) {
    return mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
        : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
  }

  static MqttConnectReturnCode connectThrottled(boolean mqtt5) {
    return mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED
        : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
  }
}
