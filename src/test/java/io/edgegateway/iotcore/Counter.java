package io.edgegateway.iotcore;

/** What the simulator counts: each refusal by its reason, and a few events a test may wait for. */
public enum Counter {
  /** TLS handshake refused: the client sent no SNI host name. */
  TLS_NO_SNI,
  /**
   * TLS handshake refused: the client offered no ALPN. (One offering only other protocols is refused by the
   * ALPN negotiation itself, before the simulator sees it, and is not counted.)
   */
  TLS_NO_ALPN_MQTT,
  /** CONNECT refused: client id longer than 128 bytes or starting with {@code $}. */
  CLIENT_ID_INVALID,
  /** CONNECT refused: a second CONNECT for the same client id within a second. */
  CONNECT_THROTTLED,
  /** CONNECT refused: the username names an authorizer that does not exist (or none and no default). */
  UNKNOWN_AUTHORIZER,
  /** CONNECT refused: the authorizer failed, timed out or answered something IoT Core would not accept. */
  AUTHORIZER_FAILED,
  /** CONNECT refused: the authorizer answered {@code isAuthenticated: false}. */
  AUTH_DENIED,
  /** CONNECT refused: the policy does not allow {@code iot:Connect} for the client id. */
  CONNECT_DENIED,
  /** A connection was closed because a newer one took its client id. */
  TAKEOVER,
  /** Publishes (in or out) discarded by the 100-per-second limit. */
  THROTTLED,
  /** Times a connection's reading was paused by the 512 KiB/s limit. */
  BYTES_DELAYED,
  /** PUBLISH with a payload over 128 KB: disconnected. */
  OVERSIZED,
  /** PUBLISH topic or SUBSCRIBE filter over 256 bytes (after a Basic Ingest prefix). */
  TOPIC_TOO_LONG,
  /** PUBLISH topic or SUBSCRIBE filter with more than 7 slashes (after a Basic Ingest prefix). */
  TOPIC_TOO_MANY_SLASHES,
  /** PUBLISH with an empty topic or wildcards in it: disconnected. */
  TOPIC_INVALID,
  /** PUBLISH with QoS 2: disconnected. */
  QOS2,
  /** More unacknowledged QoS 1 PUBLISHes than the Receive Maximum: disconnected. */
  INFLIGHT_EXCEEDED,
  /** PUBLISH refused: the policy does not allow {@code iot:Publish} on the topic. */
  POLICY_REFUSED_PUBLISH,
  /** Retained PUBLISH refused: the policy does not allow {@code iot:RetainPublish} on the topic. */
  POLICY_REFUSED_RETAIN,
  /** SUBSCRIBE entry refused: the policy does not allow {@code iot:Subscribe} on the filter. */
  POLICY_REFUSED_SUBSCRIBE,
  /** A delivery not made: the subscriber's policy does not allow {@code iot:Receive} on the topic. */
  POLICY_REFUSED_RECEIVE,
  /** SUBSCRIBE entry refused: the connection already has 50 subscriptions. */
  SUBSCRIPTIONS_EXCEEDED,
  /** SUBSCRIBE entry refused: beyond the 8th filter of one SUBSCRIBE. */
  FILTERS_PER_SUBSCRIBE_EXCEEDED,
  /** A QoS 1 delivery not made: 100 (or the client's Receive Maximum) already unacknowledged. */
  OUTBOUND_INFLIGHT_FULL,
  /** A connection closed at its disconnectAfterInSeconds (or by {@code expire}). */
  EXPIRED,
  /** The authorizer was asked again and allowed the connection to continue. */
  REFRESHED,
  /** The authorizer was asked again and denied (or failed): disconnected. */
  REFRESH_DENIED
}
