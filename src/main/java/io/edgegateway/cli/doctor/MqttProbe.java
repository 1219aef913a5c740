package io.edgegateway.cli.doctor;

import io.edgegateway.upstream.credentials.UpstreamCredentials;
import io.edgegateway.upstream.sdk.ClientEvents;
import io.edgegateway.upstream.sdk.ClientSettings;
import io.edgegateway.upstream.sdk.ConnectFailure;
import io.edgegateway.upstream.sdk.IotCoreClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Steps 6 to 9: one MQTT connection to IoT Core through the custom authorizer, made by the device SDK as
 * the gateway makes its own ({@link IotCoreClient}); then a subscription to the test topic, a QoS 1 test
 * message to it, and its echo. The SDK reports on its own threads; each step waits for its answer, for
 * the connection's end, or for the timeout, whichever comes first.
 */
final class MqttProbe implements ClientEvents, AutoCloseable {

  static final String CONNECT = "connect";
  static final String SUBSCRIBE = "subscribe";
  static final String PUBLISH = "publish";
  static final String RECEIVE = "receive";
  private static final long LOST_REASON_WAIT_MS = 1_000;

  private final ClientSettings settings;
  private final ProbeOptions options;
  private final String username;
  private final String usernameSource;
  private final Report report;
  /** Completes with null once connected, or with why not. */
  private final CompletableFuture<ConnectFailure> connected = new CompletableFuture<>();
  /** Completes with the reason when an established connection ends. */
  private final CompletableFuture<String> lost = new CompletableFuture<>();
  private final CompletableFuture<Long> echo = new CompletableFuture<>();
  private final byte[] payload;
  private volatile long publishedAt;
  private IotCoreClient client;

  MqttProbe(ClientSettings settings, ProbeOptions options, String gatewayId, ProbeUser user, Report report) {
    this.settings = settings;
    this.options = options;
    this.username = user.username();
    this.usernameSource = user.usernameSource();
    this.report = report;
    this.payload = ("{\"edgeGatewayDoctor\":\"" + UUID.randomUUID() + "\",\"gatewayId\":\"" + gatewayId
        + "\",\"time\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  /** Connects, subscribes, publishes and waits for the echo, reporting each step; false at the first failure. */
  boolean run(UpstreamCredentials credentials) throws InterruptedException {
    return connect(credentials) && subscribe() && publish() && receive();
  }

  private String authorizer() {
    return settings.authorizerName() == null ? "the endpoint's default authorizer"
        : "authorizer " + settings.authorizerName();
  }

  private boolean connect(UpstreamCredentials credentials) throws InterruptedException {
    try {
      client = IotCoreClient.create(settings, options.clientId(), credentials, this);
      client.start();
    } catch (RuntimeException | LinkageError e) {
      report.add(Check.failed(CONNECT, "the device SDK cannot make a connection (" + e.getMessage() + ")",
          "check " + usernameSource + " and the device SDK's native library for this machine"));
      return false;
    }
    ConnectFailure failure;
    try {
      failure = connected.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      report.add(Check.failed(CONNECT, "no answer to CONNECT within " + seconds(options.timeout()),
          "IoT Core waits up to 5 s for the authorizer: see the authorizer's log for slow or failed calls"));
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    if (failure == null) {
      report.add(Check.ok(CONNECT, "connected through " + authorizer() + " as user " + username
          + ", client id " + options.clientId()));
      return true;
    }
    report.add(connectFailure(failure));
    return false;
  }

  private Check connectFailure(ConnectFailure failure) {
    String description = failure.description();
    if (!description.startsWith("CONNACK ")) {
      return Check.failed(CONNECT, "could not connect (" + description + ")",
          "the TLS check passed, so the network path is there: try again, and check upstream.keepAlive");
    }
    String name = description.substring("CONNACK ".length()).split(" ", 2)[0];
    int code = Reasons.connackCode(name);
    String refused = "IoT Core refused the connection (CONNACK " + (code < 0 ? name : Reasons.connack(code)) + ")";
    if (code == Reasons.NOT_AUTHORIZED || code == Reasons.BAD_USER_NAME_OR_PASSWORD) {
      return Check.failed(CONNECT, refused + ": " + authorizer() + " denied user " + username
          + ", or its policy does not allow client id " + options.clientId(),
          "check upstream.authorizerName, the credentials (password mode: the authorizer checks the Cognito "
              + "password), and that the authorizer's POLICY_CLIENT_IDS allows " + options.clientId()
              + " (its default allows only the username); the authorizer's log says which");
    }
    if (code == Reasons.QUOTA_EXCEEDED) {
      return Check.failed(CONNECT, refused + ": client id " + options.clientId()
          + " connected less than a second ago", "is the gateway running and reconnecting with it? Try again, "
          + "or use --client-id");
    }
    if (code == Reasons.CLIENT_ID_NOT_VALID) {
      return Check.failed(CONNECT, refused + ": client id " + options.clientId() + " is not valid",
          "IoT Core takes at most 128 bytes, not starting with $");
    }
    return Check.failed(CONNECT, refused, "see the authorizer's log and IoT Core's logs");
  }

  private boolean subscribe() throws InterruptedException {
    if (options.publishOnly()) {
      report.add(Check.skipped(SUBSCRIBE, "--publish-only"));
      return true;
    }
    List<Integer> codes = await(SUBSCRIBE, client.subscribe(List.of(options.topic()), List.of(1)));
    if (codes == null) {
      return false;
    }
    int code = codes.get(0);
    if (code <= 1) {
      report.add(Check.ok(SUBSCRIBE, "subscribed to " + options.topic()));
      return true;
    }
    report.add(Check.failed(SUBSCRIBE, "IoT Core did not allow the subscription to " + options.topic()
            + " (SUBACK " + Reasons.suback(code) + ")",
        code == Reasons.NOT_AUTHORIZED ? "the authorizer's policy must allow iot:Subscribe on topicfilter/"
            + options.topic() + " and iot:Receive on topic/" + options.topic() + " (its defaults allow only cmd/"
            + username + "/*: add the topic to POLICY_SUBSCRIBE_FILTERS and POLICY_RECEIVE_TOPICS); or pick a "
            + "topic the policy allows with --topic, or check publishing alone with --publish-only"
            : null));
    return false;
  }

  private boolean publish() throws InterruptedException {
    publishedAt = System.nanoTime();
    Integer code = await(PUBLISH, client.publish(options.topic(), payload, 1, false));
    if (code == null) {
      return false;
    }
    if (code < 0x80) {
      report.add(Check.ok(PUBLISH, "IoT Core accepted a test message on " + options.topic() + " (PUBACK "
          + Reasons.puback(code) + ")"));
      return true;
    }
    report.add(Check.failed(PUBLISH, "IoT Core refused the test message on " + options.topic() + " (PUBACK "
            + Reasons.puback(code) + ")",
        code == Reasons.NOT_AUTHORIZED ? "the authorizer's policy must allow iot:Publish on topic/"
            + options.topic() + " (POLICY_PUBLISH_TOPICS, default dt/" + username + "/*), or pick a topic it "
            + "allows with --topic" : null));
    return false;
  }

  private boolean receive() throws InterruptedException {
    if (options.publishOnly()) {
      report.add(Check.skipped(RECEIVE, "--publish-only"));
      return true;
    }
    Long arrivedAt = await(RECEIVE, echo);
    if (arrivedAt == null) {
      return false;
    }
    report.add(Check.ok(RECEIVE, "the test message came back in " + (arrivedAt - publishedAt) / 1_000_000 + " ms"));
    return true;
  }

  /** The answer, or null with the failure reported: the connection ended, or no answer in time. */
  private <T> T await(String step, CompletableFuture<T> answer) throws InterruptedException {
    try {
      CompletableFuture.anyOf(answer, lost).get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      report.add(step.equals(RECEIVE)
          ? Check.failed(RECEIVE, "the test message did not come back within " + seconds(options.timeout()),
              "the authorizer's policy may not allow iot:Receive on topic/" + options.topic()
                  + " (POLICY_RECEIVE_TOPICS), or a Deny in it applies")
          : Check.failed(step, "no answer from IoT Core within " + seconds(options.timeout()),
              "try again with a longer --timeout"));
      return null;
    } catch (ExecutionException e) {
      // reported below
    }
    if (answer.isDone() && !answer.isCompletedExceptionally()) {
      return answer.join();
    }
    try {
      // an operation the connection's end failed may be told before the end itself, which says why
      lost.get(LOST_REASON_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // no end of the connection: the operation failed on its own
    }
    if (lost.isDone()) {
      String reason = lost.join();
      report.add(Check.failed(step, "IoT Core closed the connection (" + reason + ")", reason.contains("TAKEN_OVER")
          ? "another client connected with client id " + options.clientId() + " (a running gateway?): stop it, "
              + "or use --client-id with an id the policy allows"
          : reason.contains("NOT_AUTHORIZED") ? "the authorizer's policy does not allow this on " + options.topic()
          : null));
      return null;
    }
    Throwable cause = answer.handle((v, t) -> t).join();
    report.add(Check.failed(step, "failed (" + (cause == null ? "unknown" : cause.getMessage()) + ")", null));
    return null;
  }

  private static String seconds(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }

  @Override
  public void connected(IotCoreClient c) {
    connected.complete(null);
  }

  @Override
  public void connectFailed(IotCoreClient c, ConnectFailure failure) {
    connected.complete(failure);
  }

  @Override
  public void disconnected(IotCoreClient c, String reason, boolean routine) {
    lost.complete(reason);
  }

  @Override
  public void message(IotCoreClient c, String topic, byte[] received, int qos) {
    if (topic.equals(options.topic()) && Arrays.equals(received, payload)) {
      echo.complete(System.nanoTime());
    }
  }

  @Override
  public void close() {
    IotCoreClient c = client;
    client = null;
    if (c != null) {
      try {
        c.stop();
      } finally {
        c.close();
      }
    }
  }
}
