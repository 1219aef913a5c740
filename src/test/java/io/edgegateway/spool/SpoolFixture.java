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

  /** Rows in the spool file, seen through a connection of its own. */
  static long rowsSeenByAnotherConnection(Path dir) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SpoolStore.FILE_NAME));
        Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM messages")) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
