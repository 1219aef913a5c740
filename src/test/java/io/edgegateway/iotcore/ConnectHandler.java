package io.edgegateway.iotcore;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.mqtt.MqttEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CONNECT, decided as IoT Core decides one with custom authentication:
 * <ol>
 *   <li>client id over 128 bytes or starting with {@code $}: CONNACK 0x85 / 3.1.1 code 2;</li>
 *   <li>a second CONNECT for the client id within a second: CONNACK 0x97 / code 3;</li>
 *   <li>the authorizer named in the username ({@code x-amz-customauthorizer-name}), else the default; none:
 *       CONNACK 0x87 / code 5;</li>
 *   <li>the authorizer's answer within 5 s, valid, {@code isAuthenticated: true}: else 0x87 / 5;</li>
 *   <li>its policy allows {@code iot:Connect} on {@code client/<clientId>}: else 0x87 / 5;</li>
 *   <li>accepted: an older connection with the client id gets DISCONNECT 0x8E. MQTT 5 CONNACK carries Maximum
 *       QoS 1, Receive Maximum 100, Session Expiry 0 (clean sessions only: persistent sessions are not
 *       simulated), Server Keep Alive when the keep-alive was clamped, and an Assigned Client Identifier when
 *       the client sent none.</li>
 * </ol>
 * Limits of vertx-mqtt 5.0.7 that show in the event: it hands over the password as a UTF-8 string (so the
 * base64 is exact for UTF-8 passwords, not for arbitrary bytes), and a CONNECT with a username but no password
 * (or the reverse) reaches the simulator without either.
 */
final class ConnectHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectHandler.class);

  private final SimulatorOptions options;
  private final Authorizers authorizers;
  private final AuthorizerCall call;
  private final ConnectThrottle throttle;
  private final ConnectionRegistry registry;
  private final SessionTimers timers;
  private final InboundPublishes publishes;
  private final SubscribeHandler subscribes;
  private final Counters counters;
  private final ConnectLog log;

  ConnectHandler(SimulatorOptions options, Authorizers authorizers, AuthorizerCall call,
      ConnectionRegistry registry, SessionTimers timers, InboundPublishes publishes, SubscribeHandler subscribes,
      Counters counters, ConnectLog log) {
    this.options = options;
    this.authorizers = authorizers;
    this.call = call;
    this.throttle = new ConnectThrottle(options.quotas().throttleConnects());
    this.registry = registry;
    this.timers = timers;
    this.publishes = publishes;
    this.subscribes = subscribes;
    this.counters = counters;
    this.log = log;
  }

  void handle(MqttEndpoint endpoint) {
    boolean mqtt5 = endpoint.protocolVersion() >= 5;
    Quotas quotas = options.quotas();
    String sentClientId = endpoint.clientIdentifier() == null ? "" : endpoint.clientIdentifier();
    log.received(sentClientId, System.nanoTime());
    if (quotas.maxClientIdBytes() > 0 && (sentClientId.startsWith("$")
        || sentClientId.getBytes(StandardCharsets.UTF_8).length > quotas.maxClientIdBytes())) {
      counters.increment(Counter.CLIENT_ID_INVALID);
      endpoint.reject(ReasonCodes.clientIdInvalid(mqtt5));
      return;
    }
    String clientId = sentClientId.isEmpty() ? "sim-" + UUID.randomUUID() : sentClientId;
    if (!throttle.tryAcquire(clientId, System.nanoTime())) {
      counters.increment(Counter.CONNECT_THROTTLED);
      endpoint.reject(ReasonCodes.connectThrottled(mqtt5));
      return;
    }
    ConnectAttempt attempt = attempt(endpoint, sentClientId);
    Optional<String> requested = attempt.username().map(Username::parse).flatMap(Username::authorizerName);
    Optional<Authorizer> authorizer = authorizers.select(requested);
    if (authorizer.isEmpty()) {
      counters.increment(Counter.UNKNOWN_AUTHORIZER);
      endpoint.reject(ReasonCodes.notAuthorized(mqtt5));
      return;
    }
    boolean[] gone = new boolean[1];
    endpoint.closeHandler(v -> gone[0] = true);
    call.call(authorizer.get(), attempt.event())
        .onComplete(result -> {
          if (gone[0]) {
            return;
          }
          if (result.failed()) {
            LOG.info("authorizer failed for connection {}: {}", attempt.connectionId(), result.cause().toString());
            counters.increment(Counter.AUTHORIZER_FAILED);
            endpoint.reject(ReasonCodes.notAuthorized(mqtt5));
          } else if (!result.result().authenticated()) {
            counters.increment(Counter.AUTH_DENIED);
            endpoint.reject(ReasonCodes.notAuthorized(mqtt5));
          } else if (!result.result().policy().allows(IotAction.CONNECT, options.arns().client(clientId), clientId)) {
            counters.increment(Counter.CONNECT_DENIED);
            endpoint.reject(ReasonCodes.notAuthorized(mqtt5));
          } else {
            accept(endpoint, clientId, !sentClientId.equals(clientId), attempt, authorizer.get(), result.result());
          }
        });
  }

  private ConnectAttempt attempt(MqttEndpoint endpoint, String sentClientId) {
    Optional<String> serverName = endpoint.isSsl() ? HandshakeGate.serverName(endpoint.sslSession())
        : Optional.empty();
    Optional<String> username = Optional.ofNullable(endpoint.auth()).map(a -> a.getUsername());
    Optional<byte[]> password = Optional.ofNullable(endpoint.auth()).map(a -> a.getPassword())
        .map(p -> p.getBytes(StandardCharsets.UTF_8));
    return new ConnectAttempt(UUID.randomUUID().toString(), serverName, username, password,
        Optional.of(sentClientId).filter(id -> !id.isEmpty()));
  }

  private void accept(MqttEndpoint endpoint, String clientId, boolean assigned, ConnectAttempt attempt,
      Authorizer authorizer, AuthorizerResponse response) {
    Quotas quotas = options.quotas();
    Connection connection = new Connection(endpoint, clientId, attempt, authorizer, response, quotas,
        options.arns(), counters);
    int keepAlive = quotas.keepAlive(endpoint.keepAliveTimeSeconds());
    connection.socket.ifPresent(s -> s.watchKeepAlive(keepAlive, endpoint::close));
    endpoint.publishAutoAck(false);
    endpoint.publishHandler(message -> publishes.handle(connection, message));
    endpoint.publishAcknowledgeHandler(connection.outbound::acknowledged);
    endpoint.publishReleaseHandler(endpoint::publishComplete);
    endpoint.subscribeHandler(message -> subscribes.subscribe(connection, message));
    endpoint.unsubscribeHandler(message -> subscribes.unsubscribe(connection, message));
    endpoint.exceptionHandler(e -> LOG.debug("connection {}: {}", clientId, e.toString()));
    endpoint.closeHandler(v -> {
      connection.markClosed();
      timers.stop(connection);
      connection.outbound.failAll("connection closed");
      registry.remove(connection);
    });
    registry.add(connection);
    endpoint.accept(false, connackProperties(endpoint, clientId, assigned, keepAlive));
    timers.start(connection);
  }

  private MqttProperties connackProperties(MqttEndpoint endpoint, String clientId, boolean assigned, int keepAlive) {
    MqttProperties properties = new MqttProperties();
    if (endpoint.protocolVersion() < 5) {
      return properties;
    }
    Quotas quotas = options.quotas();
    if (quotas.refuseQos2()) {
      properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_QOS.value(), 1));
    }
    if (quotas.receiveMaximum() > 0) {
      properties.add(new MqttProperties.IntegerProperty(
          MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(), quotas.receiveMaximum()));
    }
    properties.add(new MqttProperties.IntegerProperty(
        MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), 0));
    if (keepAlive != endpoint.keepAliveTimeSeconds()) {
      properties.add(new MqttProperties.IntegerProperty(
          MqttProperties.MqttPropertyType.SERVER_KEEP_ALIVE.value(), keepAlive));
    }
    if (assigned) {
      properties.add(new MqttProperties.StringProperty(
          MqttProperties.MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), clientId));
    }
    return properties;
  }
}
