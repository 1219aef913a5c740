package io.edgegateway.spool;

import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** {@link SequenceDevice} over MQTT 3.1.1 (Paho v3): a PUBACK has no reason code. */
final class SequenceDeviceV3 extends SequenceDevice {

  private MqttAsyncClient client;

  SequenceDeviceV3(String clientId) {
    super(clientId);
  }

  @Override
  Connecting open(String uri, int maxInflight, Runnable onLost) throws Exception {
    client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {
        onLost.run();
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {
      }
    });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(10);
    options.setMaxInflight(maxInflight);
    IMqttToken connecting = client.connect(options);
    return () -> connecting.waitForCompletion(10_000);
  }

  @Override
  Publish publish(String topic, byte[] payload, Consumer<Boolean> answered) throws Exception {
    IMqttToken token = client.publish(topic, payload, 1, false, null, new IMqttActionListener() {
      @Override
      public void onSuccess(IMqttToken t) {
        answered.accept(true);
      }

      @Override
      public void onFailure(IMqttToken t, Throwable e) {
        answered.accept(false);
      }
    });
    return new Publish() {
      @Override
      public Outcome outcome() {
        return token.isComplete() && token.getException() == null ? Outcome.ACKNOWLEDGED : Outcome.NO_ANSWER;
      }

      @Override
      public void awaitAnswer(long millis) throws Exception {
        token.waitForCompletion(millis);
      }
    };
  }

  @Override
  boolean isConnected() {
    return client.isConnected();
  }

  @Override
  void disconnect() throws Exception {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(10_000);
    }
  }

  @Override
  void close() throws Exception {
    client.close(true);
  }
}
