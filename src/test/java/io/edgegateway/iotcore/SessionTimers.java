package io.edgegateway.iotcore;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;

/**
 * A connection's two clocks from the authorizer's answer: it is closed {@code disconnectAfterInSeconds}
 * after it was accepted, and every {@code refreshAfterInSeconds} the authorizer is asked again with the
 * same event (same connection id). An allowance (that still grants {@code iot:Connect}) replaces the
 * policy; anything else closes the connection. One authorizer second lasts
 * {@code millisPerAuthorizerSecond} here.
 *
 * <p>MQTT 5 reasons (IoT Core's are not documented): 0xA0 maximum connect time at disconnectAfter,
 * 0x87 not authorized when a refresh denies or fails. MQTT 3.1.1 connections are just closed.
 */
final class SessionTimers {
  private final Vertx vertx;
  private final long millisPerSecond;
  private final AuthorizerCall call;
  private final Counters counters;

  SessionTimers(Vertx vertx, long millisPerSecond, AuthorizerCall call, Counters counters) {
    this.vertx = vertx;
    this.millisPerSecond = millisPerSecond;
    this.call = call;
    this.counters = counters;
  }

  void start(Connection connection) {
    long disconnectAfter = connection.response().disconnectAfterSeconds() * millisPerSecond;
    connection.disconnectTimer = vertx.setTimer(disconnectAfter, t -> {
      connection.disconnectTimer = -1;
      expire(connection);
    });
    scheduleRefresh(connection);
  }

  void stop(Connection connection) {
    cancel(connection.disconnectTimer);
    cancel(connection.refreshTimer);
    connection.disconnectTimer = -1;
    connection.refreshTimer = -1;
  }

  /** What reaching disconnectAfterInSeconds does. */
  void expire(Connection connection) {
    if (connection.closing()) {
      return;
    }
    stop(connection);
    counters.increment(Counter.EXPIRED);
    connection.disconnect(MqttDisconnectReasonCode.MAXIMUM_CONNECT_TIME);
  }

  /** What reaching refreshAfterInSeconds does; true when the connection goes on. */
  Future<Boolean> refresh(Connection connection) {
    cancel(connection.refreshTimer);
    connection.refreshTimer = -1;
    return call.call(connection.authorizer, connection.attempt.event())
        .map(response -> response.authenticated()
            && response.policy().allows(IotAction.CONNECT, connection.arns().client(connection.clientId),
                connection.clientId) ? response : null)
        .otherwise(e -> null)
        .map(response -> {
          if (connection.closing()) {
            return false;
          }
          if (response == null) {
            counters.increment(Counter.REFRESH_DENIED);
            stop(connection);
            connection.disconnect(MqttDisconnectReasonCode.NOT_AUTHORIZED);
            return false;
          }
          counters.increment(Counter.REFRESHED);
          connection.replaceResponse(response);
          scheduleRefresh(connection);
          return true;
        });
  }

  private void scheduleRefresh(Connection connection) {
    long refreshAfter = connection.response().refreshAfterSeconds() * millisPerSecond;
    connection.refreshTimer = vertx.setTimer(refreshAfter, t -> {
      connection.refreshTimer = -1;
      refresh(connection);
    });
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
