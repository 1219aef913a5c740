package io.edgegateway.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the systemd unit ({@code systemd/edge-gateway.service}) runs the gateway: its JVM options
 * ({@code EDGE_GATEWAY_OPTS}) and its other environment variables (such as {@code MALLOC_ARENA_MAX}), so
 * that the benchmark measures what a Raspberry Pi runs.
 */
final class UnitJvmOptions {
  static final Path UNIT = Path.of("systemd", "edge-gateway.service");
  private static final String OPTS = "EDGE_GATEWAY_OPTS";

  private UnitJvmOptions() {
  }

  /** The unit's JVM options. */
  static List<String> read() throws IOException {
    String opts = environment(true).get(OPTS);
    if (opts == null) {
      throw new IOException(UNIT + " sets no " + OPTS);
    }
    return Arrays.stream(opts.trim().split("\\s+")).toList();
  }

  /** The unit's JVM options with its {@code -Xmx} replaced by {@code -Xmx<heap>}. */
  static List<String> withHeap(String heap) throws IOException {
    List<String> options = new ArrayList<>(List.of("-Xmx" + heap));
    read().stream().filter(o -> !o.startsWith("-Xmx")).forEach(options::add);
    return options;
  }

  /** The environment the unit sets for the JVM's process, beside its options and its configuration file. */
  static Map<String, String> environment() throws IOException {
    Map<String, String> env = environment(false);
    env.remove("EDGE_GATEWAY_CONFIG");
    return env;
  }

  private static Map<String, String> environment(boolean withOpts) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(UNIT)) {
      if (!line.startsWith("Environment=")) {
        continue;
      }
      String assignment = line.substring("Environment=".length());
      if (assignment.startsWith("\"") && assignment.endsWith("\"")) {
        assignment = assignment.substring(1, assignment.length() - 1);
      }
      int eq = assignment.indexOf('=');
      String name = assignment.substring(0, eq);
      if (withOpts || !name.equals(OPTS)) {
        env.put(name, assignment.substring(eq + 1));
      }
    }
    return env;
  }
}
