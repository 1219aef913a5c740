package io.edgegateway.bench.gateway;

import io.edgegateway.iotcore.IotCoreSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Plumbing shared by the sides: free ports, waiting for upstream connections, temporary directories. */
final class Ports {

  private Ports() {
  }

  static int free() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Waits up to 30 s until {@code count} connections whose client id matches are connected to the simulator. */
  static void awaitUpstream(IotCoreSimulator simulator, Predicate<String> clientId, int count, BooleanSupplier alive,
      Supplier<String> output) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (simulator.connectedClientIds().stream().filter(clientId).count() < count) {
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException("process ended:\n" + output.get());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not connected upstream after 30 s:\n" + output.get());
      }
      Thread.sleep(50);
    }
  }

  /** Waits up to 30 s until no connection whose client id matches is connected to the simulator. */
  static void awaitNoUpstream(IotCoreSimulator simulator, Predicate<String> clientId) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (simulator.connectedClientIds().stream().anyMatch(clientId)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("still connected upstream 30 s after the process ended");
      }
      Thread.sleep(20);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
