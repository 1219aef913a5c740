package io.edgegateway.iotcore;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One accepted connection: who it is (client id, principal, policy), its subscriptions, its share of the
 * quotas, and sending to it. Lives on the simulator's event loop; nothing here is thread-safe.
 */
final class Connection {
  final MqttEndpoint endpoint;
  final boolean mqtt5;
  final String clientId;
  final ConnectAttempt attempt;
  final Authorizer authorizer;
  final Map<String, Integer> subscriptions = new LinkedHashMap<>();
  final PublishRateLimiter publishRate;
  final ByteRateLimiter byteRate;
  final OutboundWindow outbound;
  final Optional<EndpointSocket> socket;
  /** Inbound QoS 1 packet ids never acknowledged (MQTT 3.1.1 publishes discarded by the rate limit). */
  final Set<Integer> unacknowledged = new HashSet<>();
  long disconnectTimer = -1;
  long refreshTimer = -1;
  private AuthorizerResponse response;
  private final Arns arns;
  private final Counters counters;
  private boolean closing;

  Connection(MqttEndpoint endpoint, String clientId, ConnectAttempt attempt, Authorizer authorizer,
      AuthorizerResponse response, Quotas quotas, Arns arns, Counters counters) {
    this.endpoint = endpoint;
    this.mqtt5 = endpoint.protocolVersion() >= 5;
    this.clientId = clientId;
    this.attempt = attempt;
    this.authorizer = authorizer;
    this.response = response;
    this.arns = arns;
    this.counters = counters;
    long now = System.nanoTime();
    this.publishRate = new PublishRateLimiter(quotas.publishesPerSecond());
    this.byteRate = new ByteRateLimiter(quotas.bytesPerSecond(), now);
    this.outbound = new OutboundWindow(outboundLimit(endpoint, quotas));
    this.socket = EndpointSocket.of(endpoint);
  }

  private static int outboundLimit(MqttEndpoint endpoint, Quotas quotas) {
    int limit = quotas.receiveMaximum();
    MqttProperties.MqttProperty<?> clientMaximum =
        endpoint.connectProperties().getProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value());
    if (clientMaximum != null && clientMaximum.value() instanceof Integer value && value > 0) {
      limit = limit > 0 ? Math.min(limit, value) : value;
    }
    return limit;
  }

  String connectionId() {
    return attempt.connectionId();
  }

  String principalId() {
    return response.principalId();
  }

  AuthorizerResponse response() {
    return response;
  }

  void replaceResponse(AuthorizerResponse newer) {
    this.response = newer;
  }

  boolean allows(IotAction action, String resource) {
    return response.policy().allows(action, resource, clientId);
  }

  Arns arns() {
    return arns;
  }

  boolean closing() {
    return closing;
  }

  /** The client went away (or was closed): nothing more is sent. */
  void markClosed() {
    closing = true;
  }

  /** MQTT 5: DISCONNECT with {@code reason}, then close; MQTT 3.1.1: close. */
  void disconnect(MqttDisconnectReasonCode reason) {
    if (closing) {
      return;
    }
    closing = true;
    try {
      endpoint.disconnect(reason, MqttProperties.NO_PROPERTIES);
    } catch (IllegalStateException e) {
      endpoint.close();
    }
  }

  /**
   * Sends one message if IoT Core would: the policy must allow {@code iot:Receive}, the publish rate must
   * have room, and for QoS 1 the window too. Completes when written (QoS 0) or acknowledged (QoS 1), and
   * also (without sending) when a check says no.
   */
  Future<Boolean> deliver(String topic, Buffer payload, int qos) {
    if (closing) {
      return Future.succeededFuture(false);
    }
    if (!allows(IotAction.RECEIVE, arns.topic(topic))) {
      counters.increment(Counter.POLICY_REFUSED_RECEIVE);
      return Future.succeededFuture(false);
    }
    if (!publishRate.tryAcquire(System.nanoTime())) {
      counters.increment(Counter.THROTTLED);
      return Future.succeededFuture(false);
    }
    if (qos == 0) {
      try {
        return endpoint.publish(topic, payload, MqttQoS.AT_MOST_ONCE, false, false).map(id -> true);
      } catch (IllegalStateException e) {
        return Future.succeededFuture(false);
      }
    }
    if (outbound.full()) {
      counters.increment(Counter.OUTBOUND_INFLIGHT_FULL);
      return Future.succeededFuture(false);
    }
    int packetId = outbound.reserve();
    Future<Void> acknowledged = outbound.future(packetId);
    try {
      endpoint.publish(topic, payload, MqttQoS.AT_LEAST_ONCE, false, false, packetId)
          .onFailure(e -> outbound.failAll("write failed"));
    } catch (IllegalStateException e) {
      outbound.failAll("closed");
    }
    return acknowledged.map(v -> true);
  }
}
