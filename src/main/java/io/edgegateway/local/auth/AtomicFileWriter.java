package io.edgegateway.local.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file in one step: the content goes to a temporary file in the same directory, is
 * flushed to disk, and is then renamed over the target. Readers see the old file or the new one,
 * never a partial one, even after a power cut. A new file gets mode 0600; a replaced file keeps its
 * permissions, owner and group. A symbolic link is followed, so the file it points to is replaced.
 * Public for the upstream's cached device verifiers, which are written the same way.
 */
public final class AtomicFileWriter {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicFileWriter.class);
  static final Set<PosixFilePermission> NEW_FILE_PERMISSIONS =
      PosixFilePermissions.fromString("rw-------");

  /** Writes the content to the temporary file. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFileWriter() {
  }

  /** Replaces {@code target} with {@code content}. */
  public static void write(Path target, byte[] content) throws IOException {
    write(target, out -> out.write(content));
  }

  static void write(Path target, Content content) throws IOException {
    boolean exists = Files.exists(target);
    Path file = exists ? target.toRealPath() : target.toAbsolutePath();
    Path dir = file.getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    PosixFileAttributes original = exists && posix
        ? Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        : null;
    Path tmp = posix
        ? Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
            PosixFilePermissions.asFileAttribute(NEW_FILE_PERMISSIONS))
        : Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
           OutputStream out = Channels.newOutputStream(channel)) {
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      if (posix) {
        applyAttributes(tmp, original);
      }
      move(tmp, file);
      moved = true;
      syncDirectory(dir);
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static void applyAttributes(Path tmp, PosixFileAttributes original) throws IOException {
    if (original == null) {
      Files.setPosixFilePermissions(tmp, NEW_FILE_PERMISSIONS);
      return;
    }
    Files.setPosixFilePermissions(tmp, original.permissions());
    PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    try {
      PosixFileAttributes now = view.readAttributes();
      if (!now.owner().equals(original.owner())) {
        view.setOwner(original.owner());
      }
      if (!now.group().equals(original.group())) {
        view.setGroup(original.group());
      }
    } catch (IOException | SecurityException e) {
      LOG.warn("Could not give {} the owner {} and group {} of the file it replaces: {}",
          tmp, original.owner().getName(), original.group().getName(), e.toString());
    }
  }

  private static void move(Path tmp, Path file) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot replace " + file + " atomically: " + e.getMessage(), e);
    }
  }

  /** Makes the rename durable; a platform that cannot open a directory is left as it is. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("Could not sync directory {}: {}", dir, e.toString());
    }
  }
}
