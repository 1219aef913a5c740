package io.edgegateway.cli.doctor;

import io.edgegateway.config.CredentialsConfig;
import io.edgegateway.config.UpstreamConfig;
import io.edgegateway.upstream.credentials.UpstreamCredentials;
import io.edgegateway.upstream.sdk.ClientSettings;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks the way from this machine to IoT Core step by step, as the gateway goes it, and stops at the
 * first step that fails: DNS, TCP, TLS, Cognito, the MQTT connection through the custom authorizer,
 * and a test message's round trip.
 */
public final class Doctor {

  /** The steps after the configuration's, in order. */
  public static final List<String> STEPS = List.of(DnsCheck.STEP, TcpCheck.STEP, TlsCheck.STEP, CognitoCheck.STEP,
      MqttProbe.CONNECT, MqttProbe.SUBSCRIBE, MqttProbe.PUBLISH, MqttProbe.RECEIVE);

  private final String gatewayId;
  private final UpstreamConfig upstream;
  private final ProbeUser user;
  private final ProbeOptions options;
  private final Report report;

  /** Checks the way with {@code user}'s credentials, in the mode {@code upstream.credentials} sets. */
  public Doctor(String gatewayId, UpstreamConfig upstream, ProbeUser user, ProbeOptions options, Report report) {
    this.gatewayId = gatewayId;
    this.upstream = upstream;
    this.user = user;
    this.options = options;
    this.report = report;
  }

  /** Runs the steps; true when none failed. Steps after a failed one are reported as skipped. */
  public boolean run() throws InterruptedException {
    boolean passed = false;
    try {
      passed = network() && connection();
    } finally {
      report.skipRemaining(STEPS);
    }
    return passed;
  }

  private boolean network() {
    List<InetAddress> addresses = DnsCheck.resolve(upstream.endpoint(), report);
    if (addresses.isEmpty()) {
      return false;
    }
    Socket socket = TcpCheck.connect(addresses, upstream.port(), options.timeout(), report);
    return socket != null
        && TlsCheck.handshake(socket, upstream.endpoint(), upstream.port(), upstream.caFile(), options.timeout(), report);
  }

  private boolean connection() throws InterruptedException {
    CredentialsConfig credentials = upstream.credentials();
    Vertx vertx = credentials.mode() == CredentialsConfig.Mode.TOKEN ? Vertx.vertx() : null;
    try {
      UpstreamCredentials signedIn = CognitoCheck.credentials(vertx, credentials, user, options.timeout(), report);
      if (signedIn == null) {
        return false;
      }
      try (MqttProbe probe = new MqttProbe(ClientSettings.of(upstream), options, gatewayId, user, report)) {
        return probe.run(signedIn);
      }
    } finally {
      if (vertx != null) {
        try {
          vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
          // the checks are done; a slow shutdown of their helper threads changes nothing
        }
      }
    }
  }
}
