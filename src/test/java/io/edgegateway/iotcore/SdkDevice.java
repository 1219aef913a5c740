package io.edgegateway.iotcore;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions;
import software.amazon.awssdk.crt.mqtt5.OnAttemptingConnectReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionSuccessReturn;
import software.amazon.awssdk.crt.mqtt5.OnDisconnectionReturn;
import software.amazon.awssdk.crt.mqtt5.OnStoppedReturn;
import software.amazon.awssdk.crt.mqtt5.PublishResult;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.DisconnectPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubscribePacket;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;

/**
 * The AWS IoT Device SDK's MQTT 5 client with custom authentication, pointed at the simulator as at IoT
 * Core (host {@code localhost}, which it sends as SNI; ALPN {@code mqtt}), with its lifecycle events
 * captured. It does not reconnect within a test (first retry after a minute).
 */
final class SdkDevice implements AutoCloseable {
  final CompletableFuture<ConnAckPacket> connected = new CompletableFuture<>();
  final CompletableFuture<OnConnectionFailureReturn> failed = new CompletableFuture<>();
  final CompletableFuture<OnDisconnectionReturn> disconnected = new CompletableFuture<>();
  final BlockingQueue<PublishPacket> received = new LinkedBlockingQueue<>();
  private final Mqtt5Client client;

  private SdkDevice(IotCoreSimulator simulator, String username, String authorizerName, String password,
      String clientId) {
    AwsIotMqtt5ClientBuilder.MqttConnectCustomAuthConfig auth = new AwsIotMqtt5ClientBuilder.MqttConnectCustomAuthConfig();
    auth.username = username;
    auth.authorizerName = authorizerName;
    auth.password = password.getBytes(StandardCharsets.UTF_8);
    try (AwsIotMqtt5ClientBuilder builder = AwsIotMqtt5ClientBuilder.newDirectMqttBuilderWithCustomAuth("localhost", auth)) {
      builder.withPort((long) simulator.port())
          .withCertificateAuthorityFromPath(null, simulator.tls().ca().toString())
          .withClientId(clientId)
          .withMinReconnectDelayMs(60_000L)
          .withMaxReconnectDelayMs(120_000L)
          .withLifeCycleEvents(new Events())
          .withPublishEvents((c, r) -> received.add(r.getPublishPacket()));
      client = builder.build();
    }
  }

  static SdkDevice connect(IotCoreSimulator simulator, String username, String authorizerName, String password,
      String clientId) {
    SdkDevice device = new SdkDevice(simulator, username, authorizerName, password, clientId);
    device.client.start();
    return device;
  }

  ConnAckPacket awaitConnected() throws Exception {
    CompletableFuture.anyOf(connected, failed).get(15, TimeUnit.SECONDS);
    if (!connected.isDone()) {
      OnConnectionFailureReturn failure = failed.get();
      throw new AssertionError("connection failed: error " + failure.getErrorCode() + ", CONNACK "
          + (failure.getConnAckPacket() == null ? "none" : failure.getConnAckPacket().getReasonCode()));
    }
    return connected.get();
  }

  OnConnectionFailureReturn awaitFailure() throws Exception {
    return failed.get(15, TimeUnit.SECONDS);
  }

  DisconnectPacket awaitDisconnectPacket() throws Exception {
    return disconnected.get(15, TimeUnit.SECONDS).getDisconnectPacket();
  }

  PublishResult publish(String topic, String payload, QOS qos) throws Exception {
    return client.publish(new PublishPacket.PublishPacketBuilder().withTopic(topic).withQOS(qos)
        .withPayload(payload.getBytes(StandardCharsets.UTF_8)).build()).get(15, TimeUnit.SECONDS);
  }

  SubAckPacket subscribe(String filter, QOS qos) throws Exception {
    return client.subscribe(new SubscribePacket.SubscribePacketBuilder().withSubscription(filter, qos).build())
        .get(15, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    client.stop();
    client.close();
  }

  private final class Events implements Mqtt5ClientOptions.LifecycleEvents {
    @Override
    public void onAttemptingConnect(Mqtt5Client c, OnAttemptingConnectReturn r) {
    }

    @Override
    public void onConnectionSuccess(Mqtt5Client c, OnConnectionSuccessReturn r) {
      connected.complete(r.getConnAckPacket());
    }

    @Override
    public void onConnectionFailure(Mqtt5Client c, OnConnectionFailureReturn r) {
      failed.complete(r);
    }

    @Override
    public void onDisconnection(Mqtt5Client c, OnDisconnectionReturn r) {
      disconnected.complete(r);
    }

    @Override
    public void onStopped(Mqtt5Client c, OnStoppedReturn r) {
    }
  }
}
