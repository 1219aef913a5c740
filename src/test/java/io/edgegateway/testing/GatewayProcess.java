package io.edgegateway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway as a separate process, started like the README says ({@code edge-gateway run}), on the
 * test class path. For what only a real process shows: signals, exit codes, start-up output.
 */
public final class GatewayProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listener (\\S+) \\((\\w+)\\) on [^:]+:(\\d+)");

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();
  private final Thread reader;

  private GatewayProcess(Process process) {
    this.process = process;
    reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // process ended
      }
    }, "gateway-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Runs {@code edge-gateway <args>} with extra environment variables. */
  public static GatewayProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
    return start(workDir, env, List.of(), args);
  }

  /** Runs {@code edge-gateway <args>} with extra environment variables and JVM options (such as {@code -Xmx64m}). */
  public static GatewayProcess start(Path workDir, Map<String, String> env, List<String> jvmOptions, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.edgegateway.Main");
    cmd.addAll(List.of(args));
    return startCommand(workDir, env, cmd);
  }

  /**
   * Runs a command that starts the gateway, such as an installed launcher, with extra environment
   * variables (none of the caller's {@code EDGE_GATEWAY_*} ones).
   */
  public static GatewayProcess startCommand(Path workDir, Map<String, String> env, List<String> cmd)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("EDGE_GATEWAY_"));
    // the health and metrics listener on a free port, unless the test says otherwise: 9883 may be taken
    pb.environment().put("EDGE_GATEWAY_OPS_HTTP_PORT", "0");
    pb.environment().putAll(env);
    return new GatewayProcess(pb.start());
  }

  /** Waits for the line announcing a listener and returns its port. */
  public int awaitListener(String name) throws InterruptedException {
    String line;
    while ((line = nextLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find() && m.group(1).equals(name)) {
        return Integer.parseInt(m.group(3));
      }
    }
    throw new AssertionError("listener " + name + " never announced; output:\n" + String.join("\n", all));
  }

  /** Waits for a line containing the text. */
  public String awaitLine(String text) throws InterruptedException {
    String line;
    while ((line = nextLine()) != null) {
      if (line.contains(text)) {
        return line;
      }
    }
    throw new AssertionError("no line with '" + text + "'; output:\n" + String.join("\n", all));
  }

  /** Waits up to 30 s for the process to end and returns its exit code. */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("process did not exit; output:\n" + String.join("\n", all));
    }
    return process.exitValue();
  }

  /** Everything the process printed so far (after it exited: everything). */
  public String output() throws InterruptedException {
    if (!process.isAlive()) {
      reader.join(10_000); // the reader ends at end of stream: then every line is in the queue
    }
    lines.drainTo(all);
    return String.join("\n", all);
  }

  /**
   * Sends SIGTERM, as systemd does to stop the service. Through the process handle: Process.destroy()
   * would also close our end of the output pipe, and what the gateway says while stopping would be lost.
   */
  public void terminate() {
    process.toHandle().destroy();
  }

  /**
   * Sends SIGKILL, as a power cut or the OOM killer would end it: no shutdown hook, no clean stop. Through
   * the process handle, which leaves our end of the output pipe open, so what it printed before is kept.
   * Returns once the process is gone.
   */
  public void kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("process " + process.pid() + " did not end after SIGKILL");
    }
  }

  public long pid() {
    return process.pid();
  }

  /** Sends SIGHUP, as {@code systemctl reload} would: the gateway reads its configuration again. */
  public void hangUp() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -HUP " + process.pid() + " failed");
    }
  }

  private String nextLine() throws InterruptedException {
    String line = lines.poll(30, TimeUnit.SECONDS);
    if (line != null) {
      all.add(line);
    }
    return line;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
