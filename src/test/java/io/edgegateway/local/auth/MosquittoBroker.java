package io.edgegateway.local.auth;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Mosquitto broker on a free loopback port, started for one test and always stopped by
 * {@link #close()}. It is ready once it logs that it is running; nothing waits on a timer.
 */
final class MosquittoBroker implements AutoCloseable {
  private final Process process;
  private final int port;
  private final StringBuffer log = new StringBuffer();
  private final Thread shutdownHook;

  private MosquittoBroker(Process process, int port) {
    this.process = process;
    this.port = port;
    this.shutdownHook = new Thread(process::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts Mosquitto with a listener on 127.0.0.1 and the given configuration lines. Files that
   * Mosquitto must read are named in those lines; it keeps running as the current user
   * ({@code user root} stops Mosquitto 2 from switching to the {@code mosquitto} user, which could
   * not read the test's private temporary directory, and is ignored when not running as root).
   */
  static MosquittoBroker start(Path dir, String... settings) throws IOException {
    Path binary = MosquittoTools.mosquitto();
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      List<String> config = new ArrayList<>(List.of(
          "listener " + port + " 127.0.0.1",
          "user root",
          "persistence false",
          "log_dest stderr",
          "log_type all",
          "log_timestamp false"));
      config.addAll(List.of(settings));
      Path conf = dir.resolve("mosquitto-" + port + ".conf");
      Files.write(conf, config, StandardCharsets.UTF_8);
      Process process = new ProcessBuilder(binary.toString(), "-c", conf.toString())
          .redirectErrorStream(true).start();
      MosquittoBroker broker = new MosquittoBroker(process, port);
      if (broker.awaitRunning()) {
        return broker;
      }
      String output = broker.log();
      broker.close();
      if (attempt == 3 || !output.contains("Address already in use")) {
        return fail("mosquitto did not start:\n" + output);
      }
    }
  }

  int port() {
    return port;
  }

  String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Everything the broker logged so far, for failure messages. */
  String log() {
    return log.toString();
  }

  private boolean awaitRunning() {
    CompletableFuture<Boolean> running = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          log.append(line).append('\n');
          if (line.contains(" running")) {
            running.complete(true);
          }
        }
      } catch (IOException e) {
        running.completeExceptionally(new UncheckedIOException(e));
      }
      running.complete(false);
    }, "mosquitto-log-" + port);
    reader.setDaemon(true);
    reader.start();
    try {
      return running.get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
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
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to run
      }
    }
  }
}
