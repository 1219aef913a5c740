package io.edgegateway.iotcore;

/**
 * IoT Core's per-connection quotas and limits. Each can be switched off on its own: a number 0 or a
 * {@code false} means "not enforced". {@link #iotCore()} has IoT Core's values, {@link #none()} none.
 *
 * @param publishesPerSecond  publishes per second per connection, in and out together (100); excess discarded
 * @param bytesPerSecond      inbound bytes per second per connection (512 KiB); excess delayed
 * @param maxPayloadBytes     largest PUBLISH payload (128 KB = 131072); larger: disconnected
 * @param maxTopicBytes       longest topic in UTF-8 bytes after a {@code $aws/rules/<rule>/} prefix (256)
 * @param maxTopicSlashes     most slashes in a topic after that prefix (7)
 * @param refuseQos2          QoS 2 is refused (CONNACK Maximum QoS 1; a QoS 2 PUBLISH disconnects)
 * @param receiveMaximum      unacknowledged QoS 1 each way (100)
 * @param maxSubscriptions    subscriptions per connection (50)
 * @param maxFiltersPerSubscribe filters in one SUBSCRIBE (8)
 * @param maxClientIdBytes    longest client id in UTF-8 bytes (128); and a {@code $} prefix is refused
 * @param throttleConnects    at most one CONNECT per second per client id
 * @param clampKeepAlive      keep-alive 30..1200 s (0 or more than 1200 means 1200)
 */
public record Quotas(
    int publishesPerSecond,
    long bytesPerSecond,
    int maxPayloadBytes,
    int maxTopicBytes,
    int maxTopicSlashes,
    boolean refuseQos2,
    int receiveMaximum,
    int maxSubscriptions,
    int maxFiltersPerSubscribe,
    int maxClientIdBytes,
    boolean throttleConnects,
    boolean clampKeepAlive) {

  public static final int MIN_KEEP_ALIVE = 30;
  public static final int MAX_KEEP_ALIVE = 1200;

  public static Quotas iotCore() {
    return new Quotas(100, 512 * 1024, 128 * 1024, 256, 7, true, 100, 50, 8, 128, true, true);
  }

  public static Quotas none() {
    return new Quotas(0, 0, 0, 0, 0, false, 0, 0, 0, 0, false, false);
  }

  public Quotas withPublishesPerSecond(int value) {
    return new Quotas(value, bytesPerSecond, maxPayloadBytes, maxTopicBytes, maxTopicSlashes, refuseQos2,
        receiveMaximum, maxSubscriptions, maxFiltersPerSubscribe, maxClientIdBytes, throttleConnects, clampKeepAlive);
  }

  public Quotas withBytesPerSecond(long value) {
    return new Quotas(publishesPerSecond, value, maxPayloadBytes, maxTopicBytes, maxTopicSlashes, refuseQos2,
        receiveMaximum, maxSubscriptions, maxFiltersPerSubscribe, maxClientIdBytes, throttleConnects, clampKeepAlive);
  }

  public Quotas withMaxPayloadBytes(int value) {
    return new Quotas(publishesPerSecond, bytesPerSecond, value, maxTopicBytes, maxTopicSlashes, refuseQos2,
        receiveMaximum, maxSubscriptions, maxFiltersPerSubscribe, maxClientIdBytes, throttleConnects, clampKeepAlive);
  }

  public Quotas withTopicLimits(int bytes, int slashes) {
    return new Quotas(publishesPerSecond, bytesPerSecond, maxPayloadBytes, bytes, slashes, refuseQos2,
        receiveMaximum, maxSubscriptions, maxFiltersPerSubscribe, maxClientIdBytes, throttleConnects, clampKeepAlive);
  }

  public Quotas withRefuseQos2(boolean value) {
    return new Quotas(publishesPerSecond, bytesPerSecond, maxPayloadBytes, maxTopicBytes, maxTopicSlashes, value,
        receiveMaximum, maxSubscriptions, maxFiltersPerSubscribe, maxClientIdBytes, throttleConnects, clampKeepAlive);
  }

  public Quotas withReceiveMaximum(int value) {
    return new Quotas(publishesPerSecond, bytesPerSecond, maxPayloadBytes, maxTopicBytes, maxTopicSlashes, refuseQos2,
        value, maxSubscriptions, maxFiltersPerSubscribe, maxClientIdBytes, throttleConnects, clampKeepAlive);
  }

  public Quotas withSubscriptionLimits(int perConnection, int perSubscribe) {
    return new Quotas(publishesPerSecond, bytesPerSecond, maxPayloadBytes, maxTopicBytes, maxTopicSlashes, refuseQos2,
        receiveMaximum, perConnection, perSubscribe, maxClientIdBytes, throttleConnects, clampKeepAlive);
  }

  public Quotas withMaxClientIdBytes(int value) {
    return new Quotas(publishesPerSecond, bytesPerSecond, maxPayloadBytes, maxTopicBytes, maxTopicSlashes, refuseQos2,
        receiveMaximum, maxSubscriptions, maxFiltersPerSubscribe, value, throttleConnects, clampKeepAlive);
  }

  public Quotas withThrottleConnects(boolean value) {
    return new Quotas(publishesPerSecond, bytesPerSecond, maxPayloadBytes, maxTopicBytes, maxTopicSlashes, refuseQos2,
        receiveMaximum, maxSubscriptions, maxFiltersPerSubscribe, maxClientIdBytes, value, clampKeepAlive);
  }

  public Quotas withClampKeepAlive(boolean value) {
    return new Quotas(publishesPerSecond, bytesPerSecond, maxPayloadBytes, maxTopicBytes, maxTopicSlashes, refuseQos2,
        receiveMaximum, maxSubscriptions, maxFiltersPerSubscribe, maxClientIdBytes, throttleConnects, value);
  }

  /** The keep-alive IoT Core uses for what the client asked. */
  public int keepAlive(int requested) {
    if (!clampKeepAlive) {
      return requested;
    }
    if (requested == 0 || requested > MAX_KEEP_ALIVE) {
      return MAX_KEEP_ALIVE;
    }
    return Math.max(requested, MIN_KEEP_ALIVE);
  }
}
