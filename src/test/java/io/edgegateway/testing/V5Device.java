package io.edgegateway.testing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** An MQTT 5 device: the Eclipse Paho v5 client, with what it receives collected in a queue. */
public final class V5Device implements AutoCloseable {

  /** A message as the device received it. */
  public record Received(String topic, String payload, int qos, boolean retained, MqttProperties properties) {
  }

  private static final long WAIT_MS = 10_000;

  private final MqttAsyncClient client;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<MqttDisconnectResponse> disconnected = new CompletableFuture<>();
  private IMqttToken connectToken;

  public V5Device(String serverUri, String clientId) throws MqttException {
    client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse response) {
        disconnected.complete(response);
      }

      @Override
      public void mqttErrorOccurred(MqttException exception) {
      }

      @Override
      public void messageArrived(String topic, MqttMessage m) {
        received.add(new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.getQos(),
            m.isRetained(), m.getProperties()));
      }

      @Override
      public void deliveryComplete(IMqttToken token) {
      }

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
      }

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {
      }
    });
  }

  public static MqttConnectionOptions options() {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setAutomaticReconnect(false);
    o.setConnectionTimeout(10);
    return o;
  }

  public static V5Device connect(int port, String clientId) throws MqttException {
    return connect("tcp://127.0.0.1:" + port, clientId, options());
  }

  public static V5Device connect(String uri, String clientId, MqttConnectionOptions options) throws MqttException {
    V5Device d = new V5Device(uri, clientId);
    d.connectToken = d.client.connect(options);
    try {
      d.connectToken.waitForCompletion(WAIT_MS);
    } catch (MqttException e) {
      d.client.close(true);
      throw e;
    }
    return d;
  }

  public MqttAsyncClient client() {
    return client;
  }

  /** The CONNACK's token: session present flag and properties. */
  public IMqttToken connectToken() {
    return connectToken;
  }

  /** Subscribes and waits for the SUBACK; its reason codes are in the returned token. */
  public IMqttToken subscribe(String filter, int qos) throws MqttException {
    return subscribe(new MqttSubscription(filter, qos), new MqttProperties());
  }

  public IMqttToken subscribe(MqttSubscription subscription, MqttProperties properties) throws MqttException {
    // Paho 1.2.5 reads the first subscription identifier of any properties it is given
    IMqttToken t = properties.getSubscriptionIdentifiers().isEmpty()
        ? client.subscribe(new MqttSubscription[] {subscription})
        : client.subscribe(new MqttSubscription[] {subscription}, null, null,
            (org.eclipse.paho.mqttv5.client.IMqttMessageListener) null, properties);
    t.waitForCompletion(WAIT_MS);
    return t;
  }

  public IMqttToken publish(String topic, String payload, int qos, boolean retain) throws MqttException {
    MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    m.setQos(qos);
    m.setRetained(retain);
    return publish(topic, m);
  }

  /** Publishes and waits for the acknowledgement (if any); its reason codes are in the token. */
  public IMqttToken publish(String topic, MqttMessage m) throws MqttException {
    IMqttToken t = client.publish(topic, m);
    t.waitForCompletion(WAIT_MS);
    return t;
  }

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

  /** Completes when the gateway disconnects the device, with its DISCONNECT reason if it sent one. */
  public CompletableFuture<MqttDisconnectResponse> disconnected() {
    return disconnected;
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect(2000).waitForCompletion(WAIT_MS);
    }
    client.close(true);
  }
}
