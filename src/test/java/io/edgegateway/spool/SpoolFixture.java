package io.edgegateway.spool;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Helpers shared by the spool's tests. */
final class SpoolFixture {

  private SpoolFixture() {
  }

  static SpooledMessage message(String device, int n, int qos, long acceptedAt, long expiresAt) {
    return new SpooledMessage(0, device, "dt/" + device + "/data", Buffer.buffer("payload-" + n), qos, false, 0,
        acceptedAt, expiresAt);
  }

  static SpooledMessage message(String device, int n) {
    return message(device, n, 1, 1_000, SpooledMessage.NEVER);
  }

  static SpoolWriter writer(Path dir, SpoolOptions options, Clock clock) throws SQLException {
    SpoolStore store = new SpoolOpener(clock).open(dir, options.durability()).store();
    return new SpoolWriter(store, options, clock);
  }

  static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    } catch (TimeoutException e) {
      throw new AssertionError("the spool did not answer within 10 s", e);
    }
  }

  /**
   * Overwrites every third page in the middle of the spool file with garbage (b-tree pages of the
   * table); returns the file's size, which stays the same.
   */
  static long damagePages(Path dir) throws java.io.IOException {
    Path file = dir.resolve(SpoolStore.FILE_NAME);
    long size = java.nio.file.Files.size(file);
    if (size <= 16 * 4096) {
      throw new IllegalStateException("the spool file is too small to damage in the middle: " + size + " bytes");
    }
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      byte[] garbage = new byte[4096];
      java.util.Arrays.fill(garbage, (byte) 0x5a);
      for (long offset = 2 * 4096; offset < size - 4096; offset += 3 * 4096) {
        raf.seek(offset);
        raf.write(garbage);
      }
    }
    return size;
  }

  /** Rows in the spool file, seen through a connection of its own. */
  static long rowsSeenByAnotherConnection(Path dir) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SpoolStore.FILE_NAME).toUri());
        Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM messages")) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
