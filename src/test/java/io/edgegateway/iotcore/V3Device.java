package io.edgegateway.iotcore;

import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Eclipse Paho's MQTT 3.1.1 client over TLS with SNI {@code localhost} and ALPN {@code mqtt}. */
final class V3Device implements AutoCloseable {
  final MqttClient client;
  final CompletableFuture<Throwable> lost = new CompletableFuture<>();

  private V3Device(MqttClient client) {
    this.client = client;
  }

  static V3Device connect(IotCoreSimulator simulator, String clientId) throws Exception {
    MqttClient client = new MqttClient("ssl://localhost:" + simulator.port(), clientId, new MemoryPersistence());
    V3Device device = new V3Device(client);
    client.setCallback(new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {
        device.lost.complete(cause);
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {
      }
    });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setSocketFactory(TlsClients.iotCore(simulator.tls()));
    options.setUserName("v3?x-amz-customauthorizer-name=gw-auth");
    options.setPassword("pw".toCharArray());
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setAutomaticReconnect(false);
    // Paho's blocking calls wait forever by default; a token can be left pending when the server closes
    client.setTimeToWait(10_000);
    client.connect(options);
    return device;
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnectForcibly(0, 1000);
    }
    client.close(true);
  }
}
