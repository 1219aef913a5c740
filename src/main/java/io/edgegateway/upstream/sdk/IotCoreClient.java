package io.edgegateway.upstream.sdk;

import io.edgegateway.upstream.credentials.Denial;
import io.edgegateway.upstream.credentials.UpstreamCredentials;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions.ClientOfflineQueueBehavior;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions.ClientSessionBehavior;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions.ExtendedValidationAndFlowControlOptions;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions.LifecycleEvents;
import software.amazon.awssdk.crt.mqtt5.OnAttemptingConnectReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionSuccessReturn;
import software.amazon.awssdk.crt.mqtt5.OnDisconnectionReturn;
import software.amazon.awssdk.crt.mqtt5.OnStoppedReturn;
import software.amazon.awssdk.crt.mqtt5.PublishResult;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.ConnAckPacket.ConnectReasonCode;
import software.amazon.awssdk.crt.mqtt5.packets.DisconnectPacket;
import software.amazon.awssdk.crt.mqtt5.packets.DisconnectPacket.DisconnectReasonCode;
import software.amazon.awssdk.crt.mqtt5.packets.PubAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket.PublishPacketBuilder;
import software.amazon.awssdk.crt.mqtt5.packets.SubAckPacket.SubAckReasonCode;
import software.amazon.awssdk.crt.mqtt5.packets.SubscribePacket.SubscribePacketBuilder;
import software.amazon.awssdk.crt.mqtt5.packets.UnsubscribePacket.UnsubscribePacketBuilder;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder.MqttConnectCustomAuthConfig;

/**
 * One MQTT 5 connection to IoT Core through the custom authorizer, made with the AWS IoT Device SDK, for
 * one set of credentials. The SDK's own reconnecting is not used: when a connection fails or ends, the
 * owner stops this client and builds a new one, so that each attempt can carry fresh credentials and
 * the delay can tell a denial from a network fault. A clean session each time: what was in flight is
 * sent again by the owner, in order.
 */
public final class IotCoreClient implements AutoCloseable {

  /** Longer than any backoff of the owner: the SDK must not reconnect on its own before being stopped. */
  private static final long SDK_RECONNECT_DELAY_MS = 3_600_000L;
  private static final long CONNACK_TIMEOUT_MS = 20_000L;
  private static final long ACK_TIMEOUT_SECONDS = 60L;

  private final Mqtt5Client client;
  private final String clientId;
  private volatile boolean stopping;

  private IotCoreClient(ClientSettings settings, String clientId, UpstreamCredentials credentials,
      ClientEvents events) {
    this.clientId = clientId;
    MqttConnectCustomAuthConfig auth = new MqttConnectCustomAuthConfig();
    auth.username = credentials.username();
    auth.authorizerName = settings.authorizerName();
    auth.password = credentials.password();
    AwsIotMqtt5ClientBuilder builder = AwsIotMqtt5ClientBuilder
        .newDirectMqttBuilderWithCustomAuth(settings.endpoint(), auth);
    try {
      builder.withPort((long) settings.port()); // after the custom-auth builder, which sets 443
      if (settings.caFile() != null) {
        builder.withCertificateAuthorityFromPath(null, settings.caFile());
      }
      builder.withClientId(clientId)
          .withKeepAliveIntervalSeconds(settings.keepAlive().toSeconds())
          .withSessionBehavior(ClientSessionBehavior.CLEAN)
          .withOfflineQueueBehavior(ClientOfflineQueueBehavior.FAIL_ALL_ON_DISCONNECT)
          // the link's own limiter keeps IoT Core's quotas; the SDK's would hide the pacing from it
          .withExtendedValidationAndFlowControlOptions(ExtendedValidationAndFlowControlOptions.NONE)
          .withMinReconnectDelayMs(SDK_RECONNECT_DELAY_MS)
          .withMaxReconnectDelayMs(SDK_RECONNECT_DELAY_MS)
          .withConnackTimeoutMs(CONNACK_TIMEOUT_MS)
          .withAckTimeoutSeconds(ACK_TIMEOUT_SECONDS)
          .withLifeCycleEvents(new Lifecycle(events))
          .withPublishEvents((c, r) -> events.message(this, r.getPublishPacket().getTopic(),
              r.getPublishPacket().getPayload(), r.getPublishPacket().getQOS().getValue()));
      Mqtt5Client built = builder.build();
      if (built == null) {
        // the builder prints its reason to stdout and returns null (a '?' in the username, for one)
        throw new IllegalArgumentException("the device SDK could not build a client for user "
            + credentials.username() + " (a username must not contain '?')");
      }
      this.client = built;
    } finally {
      builder.close();
    }
  }

  /** Builds a client; {@link #start()} connects it. */
  public static IotCoreClient create(ClientSettings settings, String clientId, UpstreamCredentials credentials,
      ClientEvents events) {
    return new IotCoreClient(settings, clientId, credentials, events);
  }

  public String clientId() {
    return clientId;
  }

  public void start() {
    client.start();
  }

  /**
   * Publishes; completes with the PUBACK's reason code (0 = success) for QoS 1, or 0 once written for
   * QoS 0. Fails when the connection ends first.
   */
  public CompletableFuture<Integer> publish(String topic, byte[] payload, int qos, boolean retain) {
    return client.publish(new PublishPacketBuilder()
            .withTopic(topic)
            .withPayload(payload)
            .withQOS(qos == 1 ? QOS.AT_LEAST_ONCE : QOS.AT_MOST_ONCE)
            .withRetain(retain)
            .build())
        .thenApply(IotCoreClient::reasonCode);
  }

  /** Subscribes to some filters in one SUBSCRIBE; completes with one reason code per filter. */
  public CompletableFuture<List<Integer>> subscribe(List<String> filters, List<Integer> qos) {
    SubscribePacketBuilder packet = new SubscribePacketBuilder();
    for (int i = 0; i < filters.size(); i++) {
      packet.withSubscription(filters.get(i), qos.get(i) == 1 ? QOS.AT_LEAST_ONCE : QOS.AT_MOST_ONCE);
    }
    return client.subscribe(packet.build())
        .thenApply(ack -> ack.getReasonCodes().stream().map(SubAckReasonCode::getValue).toList());
  }

  /** Unsubscribes from some filters in one UNSUBSCRIBE. */
  public CompletableFuture<Void> unsubscribe(List<String> filters) {
    UnsubscribePacketBuilder packet = new UnsubscribePacketBuilder();
    filters.forEach(packet::withSubscription);
    return client.unsubscribe(packet.build()).thenApply(ack -> null);
  }

  /** Ends the connection with a normal DISCONNECT; no event follows but {@code stopped}. */
  public void stop() {
    stopping = true;
    client.stop(new DisconnectPacket.DisconnectPacketBuilder()
        .withReasonCode(DisconnectReasonCode.NORMAL_DISCONNECTION).build());
  }

  @Override
  public void close() {
    stopping = true;
    client.close();
  }

  private static int reasonCode(PublishResult result) {
    PubAckPacket ack = result == null ? null : result.getResultPubAck();
    return ack == null ? 0 : ack.getReasonCode().getValue();
  }

  private static String errorName(int code) {
    try {
      return CRT.awsErrorName(code) + ": " + CRT.awsErrorString(code);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      return "error " + code;
    }
  }

  private final class Lifecycle implements LifecycleEvents {
    private final ClientEvents events;

    Lifecycle(ClientEvents events) {
      this.events = events;
    }

    @Override
    public void onAttemptingConnect(Mqtt5Client c, OnAttemptingConnectReturn r) {
      // reported by the owner when it starts the attempt
    }

    @Override
    public void onConnectionSuccess(Mqtt5Client c, OnConnectionSuccessReturn r) {
      events.connected(IotCoreClient.this);
    }

    @Override
    public void onConnectionFailure(Mqtt5Client c, OnConnectionFailureReturn r) {
      if (stopping) {
        return;
      }
      ConnAckPacket connack = r.getConnAckPacket();
      if (connack != null && connack.getReasonCode() != null) {
        ConnectReasonCode code = connack.getReasonCode();
        Denial denied = code == ConnectReasonCode.BAD_USERNAME_OR_PASSWORD ? Denial.BAD_CREDENTIALS
            : code == ConnectReasonCode.NOT_AUTHORIZED || code == ConnectReasonCode.BANNED
                || code == ConnectReasonCode.BAD_AUTHENTICATION_METHOD ? Denial.NOT_AUTHORIZED
            : null;
        String text = "CONNACK " + code + (connack.getReasonString() == null ? "" : " (" + connack.getReasonString() + ")");
        events.connectFailed(IotCoreClient.this, new ConnectFailure(denied, text));
      } else {
        events.connectFailed(IotCoreClient.this, new ConnectFailure(null, errorName(r.getErrorCode())));
      }
    }

    @Override
    public void onDisconnection(Mqtt5Client c, OnDisconnectionReturn r) {
      if (stopping) {
        return;
      }
      DisconnectPacket packet = r.getDisconnectPacket();
      String reason = packet != null && packet.getReasonCode() != null
          ? "DISCONNECT " + packet.getReasonCode() + (packet.getReasonString() == null ? "" : " (" + packet.getReasonString() + ")")
          : errorName(r.getErrorCode());
      boolean routine = packet != null && packet.getReasonCode() == DisconnectReasonCode.MAXIMUM_CONNECT_TIME;
      events.disconnected(IotCoreClient.this, reason, routine);
    }

    @Override
    public void onStopped(Mqtt5Client c, OnStoppedReturn r) {
      // the owner stops clients itself and does not wait for this
    }
  }
}
