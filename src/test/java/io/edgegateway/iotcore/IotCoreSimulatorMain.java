package io.edgegateway.iotcore;

import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the IoT Core simulator by hand (see the README's "IoT Core simulator" section). The authorizer is
 * either the Lambda Invoke API at {@code --authorizer-url} (for instance {@code authorizer.jar serve}) or,
 * without it, the authorizer in this JVM configured by this process's environment variables, as in Lambda.
 * Prints the port and the CA file a client must trust; runs until interrupted.
 */
@Command(name = "iotcore-simulator", mixinStandardHelpOptions = true,
    description = "A local stand-in for AWS IoT Core's MQTT endpoint with custom authentication.")
public final class IotCoreSimulatorMain implements Callable<Integer> {
  @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", defaultValue = "8443", description = "port, 0 for any (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--cert", description = "server certificate (PEM); with --key")
  Path cert;

  @Option(names = "--key", description = "server private key (PEM); with --cert")
  Path key;

  @Option(names = "--ca", description = "the CA file to print for clients (with --cert/--key)")
  Path ca;

  @Option(names = "--cert-dir", defaultValue = "target/iotcore-simulator",
      description = "without --cert/--key: where to generate a test CA and server certificate (default: ${DEFAULT-VALUE})")
  Path certDirectory;

  @Option(names = "--authorizer-url", description = "Lambda Invoke API of the authorizer, e.g. http://127.0.0.1:9001")
  URI authorizerUrl;

  @Option(names = "--authorizer-name", defaultValue = "gw-auth",
      description = "the authorizer's name (and default), and its function name on the Invoke API (default: ${DEFAULT-VALUE})")
  String authorizerName;

  @Option(names = "--no-quotas", description = "enforce none of IoT Core's quotas (benchmarks)")
  boolean noQuotas;

  @Option(names = "--region", defaultValue = SimulatorOptions.DEFAULT_REGION, description = "Region in resource ARNs")
  String region;

  @Option(names = "--account", defaultValue = SimulatorOptions.DEFAULT_ACCOUNT, description = "account in resource ARNs")
  String account;

  @Option(names = "--millis-per-authorizer-second", defaultValue = "1000",
      description = "length of one disconnectAfter/refreshAfter second in ms (default: ${DEFAULT-VALUE})")
  long millisPerSecond;

  public static void main(String[] args) {
    System.exit(new CommandLine(new IotCoreSimulatorMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ServerTls tls = tls();
    SimulatorOptions options = (noQuotas ? SimulatorOptions.raw() : SimulatorOptions.defaults())
        .withHost(host).withPort(port).withAccount(region, account).withMillisPerAuthorizerSecond(millisPerSecond);
    Vertx vertx = Vertx.vertx();
    Authorizer authorizer = authorizerUrl != null
        ? new InvokeApiAuthorizer(vertx.createHttpClient(), authorizerUrl, authorizerName)
        : InProcessAuthorizer.fromEnvironment(vertx, System.getenv());
    IotCoreSimulator simulator = IotCoreSimulator.start(vertx, options, tls, Authorizers.single(authorizerName, authorizer))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.out.println("IoT Core simulator on " + host + ":" + simulator.port()
        + (noQuotas ? " (no quotas)" : "") + ", authorizer " + authorizerName + " "
        + (authorizerUrl != null ? "at " + authorizerUrl : "in process"));
    System.out.println("port: " + simulator.port());
    System.out.println("CA file: " + tls.ca().toAbsolutePath());
    System.out.println("type '<topic> <payload>' and Enter to publish to subscribers as IoT Core would (QoS 1)");
    simulator.onArrival(a -> System.out.println("arrived from " + a.clientId() + " on " + a.topic() + " (QoS "
        + a.qos() + ", " + a.payload().length + " bytes): " + preview(a.payloadText())));
    Thread console = new Thread(() -> publishFromConsole(simulator), "console");
    console.setDaemon(true);
    console.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
          .join();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }

  private static String preview(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /** Each line {@code <topic> <payload>} on stdin is published to the subscribed connections. */
  private static void publishFromConsole(IotCoreSimulator simulator) {
    try (java.io.BufferedReader in = new java.io.BufferedReader(
        new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] parts = line.trim().split(" ", 2);
        if (parts[0].isEmpty()) {
          continue;
        }
        String topic = parts[0];
        byte[] payload = (parts.length > 1 ? parts[1] : "").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        simulator.publish(topic, payload, 1).onComplete(ar -> System.out.println(ar.succeeded()
            ? "published to " + topic + ": " + ar.result() + " deliveries" : "not published: " + ar.cause().getMessage()));
      }
    } catch (java.io.IOException e) {
      // stdin closed: nothing more to publish
    }
  }

  private ServerTls tls() throws Exception {
    if (cert != null || key != null) {
      if (cert == null || key == null) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--cert and --key go together");
      }
      return new ServerTls(cert, key, ca == null ? cert : ca);
    }
    Files.createDirectories(certDirectory);
    return ServerTls.generate(certDirectory);
  }
}
