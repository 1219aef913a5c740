package io.edgegateway.upstream.device;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exclusive lock of a read-modify-write of the verifier file, between processes (an OS file lock
 * on a lock file beside it) and between threads of this JVM (the OS lock belongs to the whole process,
 * so a second channel of the same JVM would fail instead of waiting).
 *
 * <p>A new lock file gets mode 0600 and, when the process may, the owner of the directory: the CLI runs
 * as root beside a gateway running as its own user, and must not leave a lock file the gateway cannot
 * open.
 */
final class VerifierLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VerifierLock.class);
  private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock threads;
  private final FileChannel channel;
  private final FileLock lock;

  private VerifierLock(ReentrantLock threads, FileChannel channel, FileLock lock) {
    this.threads = threads;
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits for the lock on {@code lockFile}, creating the file when needed. */
  static VerifierLock acquire(Path lockFile) throws IOException {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock threads = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    threads.lock();
    try {
      boolean created = createIfMissing(key);
      FileChannel channel = FileChannel.open(key, StandardOpenOption.WRITE);
      try {
        if (created) {
          giveToDirectoryOwner(key);
        }
        return new VerifierLock(threads, channel, channel.lock());
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      threads.unlock();
      throw e;
    }
  }

  private static boolean createIfMissing(Path file) throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    try {
      if (posix()) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      return true;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return false;
    }
  }

  private static void giveToDirectoryOwner(Path file) {
    try {
      var owner = Files.getOwner(file.getParent());
      if (!Files.getOwner(file).equals(owner)) {
        Files.setOwner(file, owner);
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      LOG.debug("Could not give {} the owner of its directory: {}", file, e.toString());
    }
  }

  static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  @Override
  public void close() throws IOException {
    try (channel) {
      lock.release();
    } finally {
      threads.unlock();
    }
  }
}
