package io.edgegateway.authorizer.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * cognito-local (npm, version pinned in src/test/cognito-local/package-lock.json) on a free loopback
 * port with a fresh data directory that asks for plain usernames. {@code npm ci} installs it first when
 * it is missing. Started by a test class, stopped by {@link #close()}.
 */
public final class CognitoLocal implements AutoCloseable {
  private static final String READY = "Cognito Local running on";
  private static final String VERSION = "5.3.0";

  private final Process process;
  private final Path dataDirectory;
  private final int port;
  private final Deque<String> output;

  private CognitoLocal(Process process, Path dataDirectory, int port, Deque<String> output) {
    this.process = process;
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.output = output;
  }

  public static CognitoLocal start() throws IOException, InterruptedException {
    Path packageDirectory = Path.of(System.getProperty("cognitoLocal.dir", "src/test/cognito-local"))
        .toAbsolutePath();
    installIfMissing(packageDirectory);
    Path dataDirectory = Files.createTempDirectory("cognito-local-");
    Files.createDirectories(dataDirectory.resolve(".cognito"));
    Files.writeString(dataDirectory.resolve(".cognito/config.json"),
        "{\"UserPoolDefaults\":{\"UsernameAttributes\":null}}");
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder("node",
        packageDirectory.resolve("node_modules/cognito-local/lib/bin/start.js").toString())
        .directory(dataDirectory.toFile())
        .redirectErrorStream(true);
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().put("PORT", Integer.toString(port));
    Process process = builder.start();
    Deque<String> output = new ArrayDeque<>();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> drain(process, output, ready), "cognito-local-output");
    reader.setDaemon(true);
    reader.start();
    CognitoLocal cognito = new CognitoLocal(process, dataDirectory, port, output);
    try {
      ready.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      cognito.close();
      throw new IllegalStateException("cognito-local did not start: " + cognito.output(), e);
    }
    return cognito;
  }

  /** http://127.0.0.1:PORT, what COGNITO_ENDPOINT is set to. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** An admin client: cognito-local accepts any SigV4 credentials. */
  public CognitoIdentityProviderClient adminClient() {
    return CognitoIdentityProviderClient.builder()
        .endpointOverride(endpoint())
        .region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteRecursively(dataDirectory);
  }

  private static void drain(Process process, Deque<String> output, CompletableFuture<Void> ready) {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (output) {
          output.addLast(line);
          if (output.size() > 200) {
            output.removeFirst();
          }
        }
        if (line.contains(READY)) {
          ready.complete(null);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IllegalStateException("cognito-local exited"));
  }

  /** {@code npm ci} from the committed lock file, when cognito-local is not installed at the pinned version. */
  static synchronized void installIfMissing(Path packageDirectory) throws IOException, InterruptedException {
    Path installed = packageDirectory.resolve("node_modules/cognito-local/package.json");
    if (Files.exists(installed) && Files.readString(installed).contains("\"version\": \"" + VERSION + "\"")) {
      return;
    }
    Path log = Files.createTempFile("npm-ci-", ".log");
    Process npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
        .directory(packageDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      npm.destroyForcibly();
      throw new IllegalStateException("npm ci in " + packageDirectory + " failed:\n" + Files.readString(log));
    }
    Files.deleteIfExists(log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
