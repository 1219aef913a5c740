package io.edgegateway.upstream.sdk;

/**
 * What one {@link IotCoreClient} reports. Called on the device SDK's own threads: implementations hop
 * onto their Vert.x context before touching state.
 */
public interface ClientEvents {

  void connected(IotCoreClient client);

  void connectFailed(IotCoreClient client, ConnectFailure failure);

  /**
   * An established connection ended (not by {@link IotCoreClient#stop()}).
   *
   * @param routine IoT Core ended it at the connection's planned end (the authorizer's
   *                {@code disconnectAfterInSeconds}): reconnecting at once is right
   */
  void disconnected(IotCoreClient client, String reason, boolean routine);

  /** A publish from IoT Core arrived (it is acknowledged by the SDK once this returns). */
  void message(IotCoreClient client, String topic, byte[] payload, int qos);
}
