package io.edgegateway.spool;

import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** {@link SequenceDevice} over MQTT 5 (Paho v5): a PUBACK reason code of 0x80 or more is a refusal. */
final class SequenceDeviceV5 extends SequenceDevice {

  private MqttAsyncClient client;

  SequenceDeviceV5(String clientId) {
    super(clientId);
  }

  @Override
  Connecting open(String uri, int maxInflight, Runnable onLost) throws Exception {
    // Paho v5 keeps to the gateway's Receive Maximum (32) by itself
    client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse response) {
        onLost.run();
      }

      @Override
      public void mqttErrorOccurred(MqttException exception) {
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
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
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(10);
    IMqttToken connecting = client.connect(options);
    return () -> connecting.waitForCompletion(10_000);
  }

  @Override
  Publish publish(String topic, byte[] payload, Consumer<Boolean> answered) throws Exception {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    IMqttToken token = client.publish(topic, m, null, new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken t) {
        answered.accept(succeeded(t));
      }

      @Override
      public void onFailure(IMqttToken t, Throwable e) {
        answered.accept(false);
      }
    });
    return new Publish() {
      @Override
      public Outcome outcome() {
        if (!token.isComplete() || token.getException() != null) {
          return Outcome.NO_ANSWER;
        }
        return succeeded(token) ? Outcome.ACKNOWLEDGED : Outcome.REFUSED;
      }

      @Override
      public void awaitAnswer(long millis) throws Exception {
        token.waitForCompletion(millis);
      }
    };
  }

  private static boolean succeeded(IMqttToken token) {
    int[] codes = token.getReasonCodes();
    return codes != null && codes.length > 0 && codes[0] < 0x80;
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
