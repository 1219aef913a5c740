package io.edgegateway.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, rendering a page of the gateway on loopback: the DOM after its scripts ran,
 * or a screenshot. scripts/test installs the package. Flags: no sandbox (CI runs as root), nothing that
 * reaches out to the network by itself, a fresh profile each time.
 */
final class HeadlessChromium {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  /** Virtual time the page gets: its first poll, and a few more. */
  private static final int VIRTUAL_TIME_MS = 12_000;
  private static final long RUN_TIMEOUT_S = 90;

  private final Path work;

  /** @param work a new directory for profiles and output */
  HeadlessChromium(Path work) {
    this.work = work;
  }

  /** Fails with what to do when the browser is not installed. */
  static void requireInstalled() {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(BINARY + " is missing: the status page's browser test needs Debian's chromium "
          + "package (apt-get install chromium; scripts/test installs it)");
    }
  }

  /** The page's DOM, serialized, once its scripts have run. */
  String dumpDom(String url) throws IOException, InterruptedException {
    Path out = run(List.of("--dump-dom", url), "dom");
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** A PNG of the page at a phone's width. */
  void screenshot(String url, Path png) throws IOException, InterruptedException {
    run(List.of("--window-size=412,1700", "--screenshot=" + png.toAbsolutePath(), url), "shot");
    if (!Files.isRegularFile(png)) {
      throw new AssertionError("chromium wrote no screenshot to " + png);
    }
  }

  private Path run(List<String> args, String name) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "profile");
    Path out = work.resolve(name + ".out");
    Path err = work.resolve(name + ".err");
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
        "--user-data-dir=" + profile, "--virtual-time-budget=" + VIRTUAL_TIME_MS));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within " + RUN_TIMEOUT_S + " s: " + tail(err));
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("chromium exited with " + p.exitValue() + ": " + tail(err));
    }
    return out;
  }

  private static String tail(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
  }
}
