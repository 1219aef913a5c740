package io.edgegateway.upstream;

/** Where messages from IoT Core go: the router, then the local broker. Called on the link's context. */
@FunctionalInterface
public interface DownlinkHandler {

  void accept(String topic, byte[] payload, int qos);
}
