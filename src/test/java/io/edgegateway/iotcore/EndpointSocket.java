package io.edgegateway.iotcore;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.mqtt.MqttEndpoint;
import java.lang.reflect.Field;
import java.util.Optional;

/**
 * The socket under a vertx-mqtt endpoint, for the two things the endpoint cannot do: pause reading (IoT
 * Core delays a connection over its byte rate) and watch keep-alive with the clamped value rather than the
 * one the client asked for. vertx-mqtt 5.0.7 keeps the socket in a private field {@code conn}; when a
 * later version does not, both features degrade (no pause; vertx-mqtt's own 1.5 x requested keep-alive).
 */
final class EndpointSocket {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EndpointSocket.class);
  private static final Field CONN = connField();

  private final NetSocketInternal socket;

  private EndpointSocket(NetSocketInternal socket) {
    this.socket = socket;
  }

  static Optional<EndpointSocket> of(MqttEndpoint endpoint) {
    if (CONN == null || !CONN.getDeclaringClass().isInstance(endpoint)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new EndpointSocket((NetSocketInternal) CONN.get(endpoint)));
    } catch (IllegalAccessException | ClassCastException e) {
      return Optional.empty();
    }
  }

  private static Field connField() {
    try {
      Field field = Class.forName("io.vertx.mqtt.impl.MqttEndpointImpl").getDeclaredField("conn");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("cannot reach vertx-mqtt's socket: no read pausing, keep-alive as the client asked ({})", e.toString());
      return null;
    }
  }

  void pause() {
    socket.pause();
  }

  void resume() {
    socket.resume();
  }

  /** Closes the connection after 1.5 x {@code keepAliveSeconds} without a packet (none when 0). */
  void watchKeepAlive(int keepAliveSeconds, Runnable onTimeout) {
    ChannelPipeline pipeline = socket.channelHandlerContext().pipeline();
    if (pipeline.get("idle") != null) {
      pipeline.remove("idle");
    }
    if (pipeline.get("keepAliveHandler") != null) {
      pipeline.remove("keepAliveHandler");
    }
    if (keepAliveSeconds == 0) {
      return;
    }
    int timeout = (int) Math.ceil(keepAliveSeconds * 1.5);
    pipeline.addBefore("handler", "idle", new IdleStateHandler(timeout, 0, 0));
    pipeline.addBefore("handler", "keepAliveHandler", new ChannelDuplexHandler() {
      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
          onTimeout.run();
        } else {
          super.userEventTriggered(ctx, event);
        }
      }
    });
  }
}
