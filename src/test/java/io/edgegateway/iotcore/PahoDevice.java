package io.edgegateway.iotcore;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Eclipse Paho's MQTT 5 client over TLS with SNI {@code localhost} and ALPN {@code mqtt}: it checks nothing
 * locally, so it can send what IoT Core refuses, and it shows every reason code the simulator answers.
 */
final class PahoDevice implements AutoCloseable {
  static final long WAIT = 15_000;

  final MqttAsyncClient client;
  IMqttToken connectToken;
  final CompletableFuture<MqttDisconnectResponse> disconnected = new CompletableFuture<>();
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  record Received(String topic, MqttMessage message) {
    String text() {
      return new String(message.getPayload(), StandardCharsets.UTF_8);
    }
  }

  private PahoDevice(IotCoreSimulator simulator, String clientId) throws MqttException {
    client = new MqttAsyncClient("ssl://localhost:" + simulator.port(), clientId, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse response) {
        disconnected.complete(response);
      }

      @Override
      public void mqttErrorOccurred(MqttException exception) {
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received.add(new Received(topic, message));
      }

      @Override
      public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
      }

      @Override
      public void connectComplete(boolean reconnect, String serverURI) {
      }

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {
      }
    });
  }

  static MqttConnectionOptions options(IotCoreSimulator simulator, String username) throws Exception {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setSocketFactory(TlsClients.iotCore(simulator.tls()));
    options.setUserName(username);
    options.setPassword("pw".getBytes(StandardCharsets.UTF_8));
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(10);
    options.setCleanStart(true);
    return options;
  }

  /** Connected, or an exception carrying the CONNACK reason code. */
  static PahoDevice connect(IotCoreSimulator simulator, String clientId, MqttConnectionOptions options)
      throws Exception {
    PahoDevice device = new PahoDevice(simulator, clientId);
    try {
      device.connectToken = device.client.connect(options);
      device.connectToken.waitForCompletion(WAIT);
    } catch (MqttException e) {
      device.client.close(true);
      throw e;
    }
    return device;
  }

  static PahoDevice connect(IotCoreSimulator simulator, String clientId) throws Exception {
    return connect(simulator, clientId, options(simulator, "paho?x-amz-customauthorizer-name=gw-auth"));
  }

  /** The PUBACK's reason code for QoS 1 (0 for QoS 0 once sent). */
  int publish(String topic, byte[] payload, int qos, boolean retain) throws MqttException {
    MqttMessage message = new MqttMessage(payload, qos, retain, null);
    IMqttToken token = client.publish(topic, message);
    try {
      token.waitForCompletion(WAIT);
    } catch (MqttException e) {
      if (token.getReasonCodes() == null) {
        throw e;
      }
    }
    return token.getReasonCodes() == null ? 0 : token.getReasonCodes()[0];
  }

  int publish(String topic, String payload, int qos) throws MqttException {
    return publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
  }

  /** The SUBACK's reason codes. */
  int[] subscribe(String... filters) throws MqttException {
    MqttSubscription[] subscriptions = new MqttSubscription[filters.length];
    for (int i = 0; i < filters.length; i++) {
      subscriptions[i] = new MqttSubscription(filters[i], 1);
    }
    IMqttToken token = client.subscribe(subscriptions);
    token.waitForCompletion(WAIT);
    return token.getReasonCodes();
  }

  int disconnectReason() throws Exception {
    return disconnected.get(WAIT, TimeUnit.MILLISECONDS).getReturnCode();
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnectForcibly(0, 1000, false);
    }
    client.close(true);
  }
}
