package io.edgegateway.spool;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * Reads a spool's totals for {@code edge-gateway spool stats}, safely while the gateway runs and writes.
 *
 * <p>It never changes the spool: it does not create a database or a directory, opens the file read-only
 * ({@code mode=ro}), reads in one read transaction (one snapshot), and never runs the gateway's integrity
 * check or moves a file aside; a corrupt or foreign file is reported, not repaired.
 *
 * <p>How it opens the file depends on the WAL file beside it:
 * <ul>
 *   <li>{@code spool.db-wal} present (the gateway is running, or stopped without closing the spool):
 *       an ordinary read-only SQLite connection, which reads the WAL through the {@code -shm} index and
 *       sees every committed transaction. SQLite itself creates a missing {@code -shm} then (owned like the
 *       database when run as root); the database and the WAL are not written.
 *   <li>no WAL (the gateway closed the spool cleanly, so the database file holds everything): read as
 *       {@code immutable}, which takes no locks and creates no {@code -wal} or {@code -shm} files (an
 *       ordinary read-only connection would create both and leave them behind). If a WAL appeared by the
 *       end of that read, the gateway started meanwhile, and the spool is read again the ordinary way.
 * </ul>
 *
 * <p>Per-device totals come from one scan of the table (there is deliberately no index on the client id;
 * see docs/SPOOL.md), so a call takes time in proportion to the spool's size, and holds its snapshot
 * meanwhile.
 */
public final class SpoolInspector {

  /** How long to wait while SQLite reports the database busy (another reader recovering the WAL index). */
  static final int BUSY_TIMEOUT_MILLIS = 5_000;
  static final String TABLE = "messages";
  /** The columns the report reads (SpoolStore's schema). */
  static final List<String> COLUMNS = List.of("device_client_id", "size", "accepted_at");
  private static final String MOVED_ASIDE = "; the gateway moves such a file aside (" + SpoolStore.FILE_NAME
      + ".corrupt-<time>) when it next starts, and starts an empty spool";
  private static final String SCAN = "SELECT device_client_id, size, accepted_at FROM " + TABLE;

  /** Why a spool could not be inspected. */
  public enum Problem {
    /** There is no spool directory, or no database in it. */
    MISSING,
    /** The file is not a spool database: not SQLite, corrupt, or another schema. */
    NOT_A_SPOOL,
    /** It could not be read: permissions, I/O errors, busy. */
    UNREADABLE
  }

  /** A spool that could not be inspected; the message is one line and names the file. */
  public static final class InspectionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Problem problem;

    InspectionException(Problem problem, String message, Throwable cause) {
      super(message, cause);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  private final Clock clock;

  /** Ages in reports are counted to {@code clock}'s time of the read. */
  public SpoolInspector(Clock clock) {
    this.clock = clock;
  }

  /**
   * Reads the spool in {@code directory}.
   *
   * @throws InspectionException when there is no spool there, it is not a spool database, or it cannot be read
   */
  public SpoolReport inspect(Path directory) throws InspectionException {
    Path database = locate(directory);
    Path wal = database.resolveSibling(database.getFileName() + "-wal");
    if (!Files.exists(wal)) {
      try {
        SpoolReport atRest = read(database, true);
        if (!Files.exists(wal)) {
          return atRest;
        }
      } catch (InspectionException e) {
        if (!Files.exists(wal)) {
          throw e;
        }
      }
      // the gateway opened the spool during that read, which therefore may have missed or torn its writes
    }
    return read(database, false);
  }

  private static Path locate(Path directory) throws InspectionException {
    BasicFileAttributes dir = attributes(directory, "no spool directory: " + directory + " does not exist");
    if (!dir.isDirectory()) {
      throw new InspectionException(Problem.MISSING,
          "no spool directory: " + directory + " is not a directory (give the directory that holds "
              + SpoolStore.FILE_NAME + ")", null);
    }
    Path database = directory.resolve(SpoolStore.FILE_NAME);
    BasicFileAttributes db = attributes(database,
        "no spool database: " + database + " does not exist");
    if (!db.isRegularFile()) {
      throw new InspectionException(Problem.NOT_A_SPOOL, database + " is not a regular file", null);
    }
    if (!Files.isReadable(database)) {
      throw new InspectionException(Problem.UNREADABLE, "cannot read " + database + ": permission denied", null);
    }
    return database;
  }

  private static BasicFileAttributes attributes(Path path, String missing) throws InspectionException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new InspectionException(Problem.MISSING, missing, e);
    } catch (AccessDeniedException e) {
      throw new InspectionException(Problem.UNREADABLE, "cannot read " + path + ": permission denied", e);
    } catch (IOException e) {
      throw new InspectionException(Problem.UNREADABLE, "cannot read " + path + ": " + e, e);
    }
  }

  private SpoolReport read(Path database, boolean immutable) throws InspectionException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    String url = "jdbc:sqlite:" + database.toAbsolutePath().toUri() + (immutable ? "?mode=ro&immutable=1" : "?mode=ro");
    try (Connection c = DriverManager.getConnection(url, config.toProperties())) {
      c.setAutoCommit(false); // one read transaction: the schema check and the scan see one snapshot
      checkSchema(c, database);
      List<SpoolReport.DeviceTotals> devices = perDevice(c);
      c.rollback(); // ends the read; on a failure, closing the connection ends it
      return SpoolReport.of(database, clock.instant().truncatedTo(ChronoUnit.MILLIS), devices);
    } catch (SQLException e) {
      throw failure(database, e);
    }
  }

  private static void checkSchema(Connection c, Path database) throws SQLException, InspectionException {
    Set<String> missing = new LinkedHashSet<>(COLUMNS);
    boolean table = false;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT name FROM pragma_table_info('" + TABLE + "')")) {
      while (r.next()) {
        table = true;
        missing.remove(r.getString(1));
      }
    }
    if (!table) {
      throw new InspectionException(Problem.NOT_A_SPOOL,
          database + " is a SQLite database but not a spool: it has no table " + TABLE, null);
    }
    if (!missing.isEmpty()) {
      throw new InspectionException(Problem.NOT_A_SPOOL, database + " is not a spool database: its table " + TABLE
          + " has no column " + String.join(", ", missing), null);
    }
  }

  /**
   * One pass over the table, summed here: SQLite's GROUP BY would sort every row first, in temporary
   * files for a large spool, where a map of one entry per device is all that is needed.
   */
  private static List<SpoolReport.DeviceTotals> perDevice(Connection c) throws SQLException {
    Map<String, DeviceSum> sums = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(SCAN)) {
      while (r.next()) {
        sums.computeIfAbsent(r.getString(1), id -> new DeviceSum()).add(r.getLong(2), r.getLong(3));
      }
    }
    List<SpoolReport.DeviceTotals> devices = new ArrayList<>(sums.size());
    sums.forEach((id, sum) -> devices.add(
        new SpoolReport.DeviceTotals(id, sum.messages, sum.bytes, Instant.ofEpochMilli(sum.oldest))));
    return devices;
  }

  private static final class DeviceSum {
    long messages;
    long bytes;
    long oldest = Long.MAX_VALUE;

    void add(long size, long acceptedAt) {
      messages++;
      bytes += size;
      oldest = Math.min(oldest, acceptedAt);
    }
  }

  private static InspectionException failure(Path database, SQLException e) {
    String sqlite = sqliteWords(e);
    return switch (e.getErrorCode() & 0xff) { // SQLite's primary result code
      case 26 /* NOTADB */ -> new InspectionException(Problem.NOT_A_SPOOL,
          database + " is not a SQLite database" + MOVED_ASIDE, e);
      case 11 /* CORRUPT */ -> new InspectionException(Problem.NOT_A_SPOOL,
          database + " is corrupt (" + sqlite + ")" + MOVED_ASIDE, e);
      case 5, 6 /* BUSY, LOCKED */ -> new InspectionException(Problem.UNREADABLE,
          "cannot read " + database + ": still busy after " + BUSY_TIMEOUT_MILLIS / 1000 + " s (" + sqlite + ")", e);
      default -> new InspectionException(Problem.UNREADABLE, "cannot read " + database + ": " + sqlite, e);
    };
  }

  /** SQLite's own message: the driver's read "[SQLITE_CODE] Description (SQLite's message)". */
  private static String sqliteWords(SQLException e) {
    String m = e.getMessage();
    if (m == null) {
      return e.toString();
    }
    int open = m.indexOf(" (");
    return m.startsWith("[") && open > 0 && m.endsWith(")") ? m.substring(open + 2, m.length() - 1) : m;
  }
}
