package io.edgegateway.local.connection;

import io.edgegateway.local.access.DevicePermissions;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubCompReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRelReasonCode;
import java.nio.charset.StandardCharsets;

/**
 * One accepted device connection. Wraps vertx-mqtt's {@link MqttEndpoint}, whose methods throw once
 * the socket has closed, so that callers never have to care: every send on a closed connection is a
 * no-op. Runs on the broker's event loop only.
 */
public final class DeviceConnection {

  /** Fixed header plus the worst-case remaining-length field. */
  private static final int FIXED_HEADER_MAX = 5;

  private final MqttEndpoint endpoint;
  private final String clientId;
  private final String username;
  private final DevicePermissions permissions;
  private final int clientReceiveMaximum;
  private final long clientMaximumPacketSize;
  private long lastSeenNanos;
  private long keepAliveNanos;
  private long pendingWriteBytes;
  private boolean closing;
  private boolean closedByGateway;
  private final Promise<Void> closed = Promise.promise();

  public DeviceConnection(MqttEndpoint endpoint, String clientId, String username,
      DevicePermissions permissions) {
    this.endpoint = endpoint;
    this.permissions = permissions;
    this.clientId = clientId;
    this.username = username;
    this.clientReceiveMaximum = intProperty(endpoint.connectProperties(),
        MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM, 65_535);
    int maxPacket = intProperty(endpoint.connectProperties(),
        MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE, 0);
    this.clientMaximumPacketSize = maxPacket <= 0 ? Long.MAX_VALUE : Integer.toUnsignedLong(maxPacket);
    this.lastSeenNanos = System.nanoTime();
  }

  public String clientId() {
    return clientId;
  }

  /** Username the device authenticated with, or null for an anonymous device. */
  public String username() {
    return username;
  }

  /** The device's topic permissions. */
  public DevicePermissions permissions() {
    return permissions;
  }

  public boolean isMqtt5() {
    return endpoint.protocolVersion() == MqttVersion.MQTT_5.protocolLevel();
  }

  public String remoteAddress() {
    try {
      return String.valueOf(endpoint.remoteAddress());
    } catch (IllegalArgumentException closed) {
      return "closed";
    }
  }

  /** How many QoS 1 and 2 messages the device accepts in flight (its MQTT 5 Receive Maximum). */
  public int clientReceiveMaximum() {
    return clientReceiveMaximum;
  }

  public boolean isOpen() {
    return !closing && endpoint.isConnected();
  }

  /** Records that a packet arrived; the keep-alive watchdog reads it. */
  public void touch() {
    lastSeenNanos = System.nanoTime();
  }

  public void keepAliveSeconds(int seconds) {
    keepAliveNanos = seconds * 1_000_000_000L;
  }

  /** Whether the device has been silent for longer than one and a half keep-alive periods. */
  public boolean keepAliveExpired(long nowNanos) {
    return keepAliveNanos > 0 && nowNanos - lastSeenNanos > keepAliveNanos + keepAliveNanos / 2;
  }

  /** Bytes handed to the socket that it has not written yet (a slow reader's backlog). */
  public long pendingWriteBytes() {
    return pendingWriteBytes;
  }

  /** Whether a PUBLISH of this size may be sent, given the device's MQTT 5 Maximum Packet Size. */
  public boolean fitsClientMaximum(String topic, Buffer payload, MqttProperties properties) {
    long size = FIXED_HEADER_MAX + 2L + topic.getBytes(StandardCharsets.UTF_8).length + 2
        + payload.length() + (isMqtt5() ? propertiesSize(properties) + 4 : 0);
    return size <= clientMaximumPacketSize;
  }

  /** Sends a PUBLISH; completes when the bytes are written. Fails if the connection is closed. */
  public Future<Integer> publish(String topic, Buffer payload, int qos, boolean dup, boolean retain,
      int packetId, MqttProperties properties) {
    if (!isOpen()) {
      return Future.failedFuture("connection closed");
    }
    int size = payload.length() + topic.length();
    pendingWriteBytes += size;
    try {
      Future<Integer> written = endpoint.publish(topic, payload, MqttQoS.valueOf(qos), dup, retain,
          packetId, isMqtt5() ? properties : MqttProperties.NO_PROPERTIES);
      return written.andThen(ar -> pendingWriteBytes -= size);
    } catch (IllegalArgumentException | IllegalStateException closed) {
      pendingWriteBytes -= size;
      return Future.failedFuture(closed);
    }
  }

  public void puback(int packetId, MqttPubAckReasonCode code) {
    run(() -> {
      if (isMqtt5()) {
        endpoint.publishAcknowledge(packetId, code, MqttProperties.NO_PROPERTIES);
      } else {
        endpoint.publishAcknowledge(packetId);
      }
    });
  }

  public void pubrec(int packetId, MqttPubRecReasonCode code) {
    run(() -> {
      if (isMqtt5()) {
        endpoint.publishReceived(packetId, code, MqttProperties.NO_PROPERTIES);
      } else {
        endpoint.publishReceived(packetId);
      }
    });
  }

  public void pubrel(int packetId) {
    run(() -> {
      if (isMqtt5()) {
        endpoint.publishRelease(packetId, MqttPubRelReasonCode.SUCCESS, MqttProperties.NO_PROPERTIES);
      } else {
        endpoint.publishRelease(packetId);
      }
    });
  }

  public void pubcomp(int packetId, MqttPubCompReasonCode code) {
    run(() -> {
      if (isMqtt5()) {
        endpoint.publishComplete(packetId, code, MqttProperties.NO_PROPERTIES);
      } else {
        endpoint.publishComplete(packetId);
      }
    });
  }

  /** Completes when the socket has closed. */
  public Future<Void> closed() {
    return closed.future();
  }

  /** Whether the gateway, not the device, ended the connection. */
  public boolean closedByGateway() {
    return closedByGateway;
  }

  /** Called by the connection's close handler. */
  public void markClosed() {
    closing = true;
    closed.tryComplete();
  }

  /** The underlying endpoint, for the SUBACK and UNSUBACK writers. */
  public MqttEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Ends the connection: an MQTT 5 device first gets a DISCONNECT with the reason; an MQTT 3.1.1
   * device, which has no such packet, sees the socket close.
   */
  public void disconnect(MqttDisconnectReasonCode reason) {
    if (closing || !endpoint.isConnected()) {
      close();
      return;
    }
    closing = true;
    closedByGateway = true;
    if (isMqtt5()) {
      run(() -> endpoint.disconnect(reason, MqttProperties.NO_PROPERTIES));
    }
    forceClose();
  }

  /** Closes the socket without a DISCONNECT. */
  public void close() {
    closing = true;
    closedByGateway = true;
    forceClose();
  }

  private void forceClose() {
    try {
      endpoint.close();
    } catch (IllegalArgumentException | IllegalStateException alreadyClosed) {
      // vertx-mqtt throws when the endpoint is already closed: nothing left to do
    }
  }

  private void run(Runnable send) {
    if (!endpoint.isConnected()) {
      return;
    }
    try {
      send.run();
    } catch (IllegalArgumentException | IllegalStateException closed) {
      // the socket closed under us; the close handler cleans up
    }
  }

  private static int intProperty(MqttProperties props, MqttProperties.MqttPropertyType type, int fallback) {
    if (props == null) {
      return fallback;
    }
    MqttProperties.MqttProperty<?> p = props.getProperty(type.value());
    return p == null ? fallback : (Integer) p.value();
  }

  private static long propertiesSize(MqttProperties properties) {
    long size = 0;
    for (MqttProperties.MqttProperty<?> p : properties.listAll()) {
      Object v = p.value();
      if (v instanceof java.util.List<?> pairs) {
        for (Object pair : pairs) {
          size += pairSize((MqttProperties.StringPair) pair);
        }
      } else if (v instanceof byte[] bytes) {
        size += 3 + bytes.length;
      } else if (v instanceof String s) {
        size += 3 + s.getBytes(StandardCharsets.UTF_8).length;
      } else if (v instanceof MqttProperties.StringPair pair) {
        size += pairSize(pair);
      } else {
        size += 5;
      }
    }
    return size;
  }

  private static long pairSize(MqttProperties.StringPair pair) {
    return 5L + pair.key.getBytes(StandardCharsets.UTF_8).length
        + pair.value.getBytes(StandardCharsets.UTF_8).length;
  }
}
