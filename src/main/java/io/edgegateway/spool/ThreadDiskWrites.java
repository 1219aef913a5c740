package io.edgegateway.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes the calling thread has sent towards the disk, as Linux counts them ({@code write_bytes} in
 * {@code /proc/thread-self/io}): for the spool's writer thread, every byte SQLite wrote (WAL frames,
 * checkpoints, the WAL index), which is what wears an SD card. -1 where the kernel does not say.
 */
final class ThreadDiskWrites {

  private static final Path IO = Path.of("/proc/thread-self/io");
  private static final String KEY = "write_bytes:";

  private boolean unavailable;

  /** The calling thread's bytes written so far, or -1 when unknown. */
  long read() {
    if (unavailable) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(IO)) {
        if (line.startsWith(KEY)) {
          return Long.parseLong(line.substring(KEY.length()).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no task I/O accounting: say unknown from now on
    }
    unavailable = true;
    return -1;
  }
}
