package io.edgegateway.testing;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An MQTT 3.1.1 device: the Eclipse Paho v3 client, with what it receives collected in a queue. */
public final class V3Device implements AutoCloseable {

  /** A message as the device received it. */
  public record Received(String topic, String payload, int qos, boolean retained, boolean duplicate) {
  }

  private final MqttClient client;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Throwable> lost = new CompletableFuture<>();

  public V3Device(String serverUri, String clientId) throws MqttException {
    client = new MqttClient(serverUri, clientId, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {
        lost.complete(cause);
      }

      @Override
      public void messageArrived(String topic, MqttMessage m) {
        received.add(new Received(topic, new String(m.getPayload(), java.nio.charset.StandardCharsets.UTF_8),
            m.getQos(), m.isRetained(), m.isDuplicate()));
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {
      }
    });
  }

  public static MqttConnectOptions options() {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(true);
    o.setAutomaticReconnect(false);
    o.setConnectionTimeout(10);
    return o;
  }

  public static V3Device connect(int port, String clientId) throws MqttException {
    return connect("tcp://127.0.0.1:" + port, clientId, options());
  }

  public static V3Device connect(String uri, String clientId, MqttConnectOptions options) throws MqttException {
    V3Device d = new V3Device(uri, clientId);
    d.client.connect(options);
    return d;
  }

  public MqttClient client() {
    return client;
  }

  public void subscribe(String filter, int qos) throws MqttException {
    client.subscribe(filter, qos);
  }

  public void publish(String topic, String payload, int qos, boolean retain) throws MqttException {
    client.publish(topic, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), qos, retain);
  }

  /** The next message received, waiting up to 10 s; fails the test if none arrives. */
  public Received next() throws InterruptedException {
    Received r = received.poll(10, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no message arrived within 10 s");
    }
    return r;
  }

  public BlockingQueue<Received> received() {
    return received;
  }

  /** Completes with the cause when the gateway closes the connection. */
  public CompletableFuture<Throwable> lost() {
    return lost;
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect(2000);
    }
    client.close(true);
  }
}
