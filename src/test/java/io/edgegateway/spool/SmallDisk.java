package io.edgegateway.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small file system of its own (tmpfs), so that a test can fill it up and the spool gets a real
 * ENOSPC from the kernel. Mounting needs root (or CAP_SYS_ADMIN), as the tests and CI run here.
 */
final class SmallDisk implements AutoCloseable {

  private static final String FILLER = "filler";

  private final Path root;

  private SmallDisk(Path root) {
    this.root = root;
  }

  /** Mounts a tmpfs of {@code size} (as mount's {@code size=} option, e.g. {@code 2m}) on a new directory. */
  static SmallDisk mount(Path directory, String size) throws IOException, InterruptedException {
    Files.createDirectories(directory);
    Result r = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", directory.toString());
    if (r.exit() != 0) {
      throw new AssertionError("cannot mount a " + size + " tmpfs on " + directory + " (exit " + r.exit() + ": "
          + r.output().strip() + "). This test needs a file system it can fill: run it as root or with "
          + "CAP_SYS_ADMIN, as CI does.");
    }
    return new SmallDisk(directory);
  }

  Path root() {
    return root;
  }

  /** Writes a file until the kernel says no space is left; returns its size. */
  long fill() throws IOException {
    Path filler = root.resolve(FILLER);
    ByteBuffer block = ByteBuffer.allocate(4096);
    try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      while (true) {
        block.clear();
        try {
          while (block.hasRemaining()) {
            channel.write(block);
          }
        } catch (IOException e) {
          if (String.valueOf(e.getMessage()).contains("No space left on device")) {
            break;
          }
          throw e;
        }
      }
    }
    return Files.size(filler);
  }

  /** Bytes the file system still has for new data. */
  long usableSpace() throws IOException {
    return Files.getFileStore(root).getUsableSpace();
  }

  /** Deletes what {@link #fill()} wrote. */
  void free() throws IOException {
    Files.delete(root.resolve(FILLER));
  }

  /** Unmounts; lazily when something (a gateway that failed to stop) still holds a file open. */
  @Override
  public void close() throws IOException, InterruptedException {
    Result r = run("umount", root.toString());
    if (r.exit() != 0) {
      Result lazy = run("umount", "-l", root.toString());
      if (lazy.exit() != 0) {
        throw new AssertionError("cannot unmount " + root + ": " + r.output().strip() + "; " + lazy.output().strip());
      }
    }
  }

  private record Result(int exit, String output) {
  }

  private static Result run(String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(-1, command[0] + " cannot be run: " + e.getMessage());
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, command[0] + " did not finish");
    }
    return new Result(p.exitValue(), output);
  }
}
