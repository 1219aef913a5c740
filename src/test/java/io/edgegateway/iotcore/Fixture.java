package io.edgegateway.iotcore;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Test plumbing: one test CA per JVM, a simulator on a free port, and waiting for futures. */
public final class Fixture {
  private static ServerTls tls;

  private Fixture() {
  }

  public static synchronized ServerTls tls() {
    if (tls == null) {
      try {
        Path directory = Files.createTempDirectory("iotcore-sim-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(directory)));
        tls = ServerTls.generate(directory);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return tls;
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }

  public static IotCoreSimulator start(Vertx vertx, SimulatorOptions options, Authorizers authorizers) throws Exception {
    return await(IotCoreSimulator.start(vertx, options, tls(), authorizers));
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
