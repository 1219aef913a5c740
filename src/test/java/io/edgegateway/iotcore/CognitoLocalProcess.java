package io.edgegateway.iotcore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * cognito-local (the authorizer's pinned copy in {@code authorizer/src/test/cognito-local}, installed with
 * {@code npm ci} when missing) on a free loopback port with plain usernames, for the simulator's test
 * through the real authorizer. The authorizer's own tests have the fuller helper.
 */
final class CognitoLocalProcess implements AutoCloseable {
  private final Process process;
  private final Path dataDirectory;
  private final int port;

  private CognitoLocalProcess(Process process, Path dataDirectory, int port) {
    this.process = process;
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  static CognitoLocalProcess start() throws Exception {
    Path packageDirectory = Path.of(System.getProperty("cognitoLocal.dir", "authorizer/src/test/cognito-local"))
        .toAbsolutePath();
    Path start = packageDirectory.resolve("node_modules/cognito-local/lib/bin/start.js");
    if (!Files.exists(start)) {
      Process npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
          .directory(packageDirectory.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        throw new IllegalStateException("npm ci in " + packageDirectory + " failed");
      }
    }
    Path data = Files.createTempDirectory("cognito-local-");
    Files.createDirectories(data.resolve(".cognito"));
    Files.writeString(data.resolve(".cognito/config.json"), "{\"UserPoolDefaults\":{\"UsernameAttributes\":null}}");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder = new ProcessBuilder("node", start.toString()).directory(data.toFile())
        .redirectErrorStream(true);
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().put("PORT", Integer.toString(port));
    Process process = builder.start();
    CognitoLocalProcess cognito = new CognitoLocalProcess(process, data, port);
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.contains("Cognito Local running on")) {
            ready.complete(null);
          }
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IllegalStateException("cognito-local exited"));
    }, "cognito-local-output");
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      cognito.close();
      throw e;
    }
    return cognito;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  CognitoIdentityProviderClient adminClient() {
    return CognitoIdentityProviderClient.builder()
        .endpointOverride(endpoint())
        .region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try (Stream<Path> paths = Files.walk(dataDirectory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
