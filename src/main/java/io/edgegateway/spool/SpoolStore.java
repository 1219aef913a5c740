package io.edgegateway.spool;

import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The spool's SQLite database: one table of messages in acceptance order. Blocking; used from one
 * thread only (the spool's writer). Callers group statements with {@link #commit()} and
 * {@link #rollback()}: the connection is never in auto-commit.
 */
public final class SpoolStore implements AutoCloseable {

  /** The database file's name in the spool directory. */
  public static final String FILE_NAME = "spool.db";

  /*
   * Ids are given by the writer (increasing within a run), not by AUTOINCREMENT, and there is no index:
   * each would rewrite a page more in every transaction (an SD card wears out by writes). The expiry sweep
   * walks from the oldest id instead. Spools made by earlier versions keep AUTOINCREMENT, which is harmless.
   */
  private static final String SCHEMA = """
      CREATE TABLE IF NOT EXISTS messages (
        id INTEGER PRIMARY KEY,
        device_client_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        payload BLOB NOT NULL,
        qos INTEGER NOT NULL,
        retain INTEGER NOT NULL,
        rule_index INTEGER NOT NULL,
        accepted_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        size INTEGER NOT NULL
      )""";
  private static final String DROP_OLD_INDEX = "DROP INDEX IF EXISTS messages_by_expiry";
  private static final int SWEEP_CHUNK = 256;
  private static final String COLUMNS =
      "id, device_client_id, topic, payload, qos, retain, rule_index, accepted_at, expires_at";

  private final Connection connection;
  private PreparedStatement insert;
  private PreparedStatement delete;
  private PreparedStatement readAfter;
  private PreparedStatement readId;
  private PreparedStatement indexAfter;
  private PreparedStatement oldest;

  private SpoolStore(Connection connection) throws SQLException {
    this.connection = connection;
    prepare();
  }

  private void prepare() throws SQLException {
    insert = connection.prepareStatement("INSERT INTO messages (id, device_client_id, topic, payload, qos, retain, "
        + "rule_index, accepted_at, expires_at, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    delete = connection.prepareStatement("DELETE FROM messages WHERE id = ? RETURNING size");
    readAfter = connection.prepareStatement("SELECT " + COLUMNS
        + " FROM messages WHERE id > ? AND expires_at > ? ORDER BY id LIMIT ?");
    readId = connection.prepareStatement("SELECT " + COLUMNS + " FROM messages WHERE id = ?");
    indexAfter = connection.prepareStatement(
        "SELECT id, device_client_id FROM messages WHERE id > ? ORDER BY id LIMIT ?");
    oldest = connection.prepareStatement(
        "SELECT id, size, accepted_at, expires_at FROM messages WHERE id > ? ORDER BY id LIMIT ?");
  }

  /**
   * Opens (creating if needed) the database in {@code directory}: WAL journal, the given durability,
   * the schema. Does not check integrity; see {@link SpoolOpener}.
   */
  static SpoolStore open(Path directory, Durability durability) throws SQLException {
    // a file: URI, so that a directory name with '?' or '#' is not read as URI parameters
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(FILE_NAME).toAbsolutePath().toUri());
    try {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=" + durability.name());
        s.execute(SCHEMA);
        s.execute(DROP_OLD_INDEX);
      }
      c.setAutoCommit(false);
      return new SpoolStore(c);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** SQLite's {@code integrity_check}: "ok", or the problems found. */
  String integrityCheck() throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      while (r.next()) {
        lines.add(r.getString(1));
      }
    }
    connection.commit();
    return String.join("; ", lines);
  }

  /** Stores a message under {@code id}, which must be higher than every id stored. */
  void insert(long id, SpooledMessage m) throws SQLException {
    insert.setLong(1, id);
    insert.setString(2, m.deviceClientId());
    insert.setString(3, m.topic());
    insert.setBytes(4, m.payload().getBytes());
    insert.setInt(5, m.qos());
    insert.setInt(6, m.retain() ? 1 : 0);
    insert.setInt(7, m.ruleIndex());
    insert.setLong(8, m.acceptedAt());
    insert.setLong(9, m.expiresAt());
    insert.setInt(10, m.size());
    insert.executeUpdate();
  }

  /** Removes a message; returns its size, or -1 when it was not there (already dropped or expired). */
  long delete(long id) throws SQLException {
    delete.setLong(1, id);
    try (ResultSet r = delete.executeQuery()) {
      return r.next() ? r.getLong(1) : -1;
    }
  }

  /** Messages after {@code afterId} in id order that have not expired at {@code nowMillis}. */
  List<SpooledMessage> readAfter(long afterId, long nowMillis, int limit) throws SQLException {
    readAfter.setLong(1, afterId);
    readAfter.setLong(2, nowMillis);
    readAfter.setInt(3, limit);
    List<SpooledMessage> out = new ArrayList<>();
    try (ResultSet r = readAfter.executeQuery()) {
      while (r.next()) {
        out.add(row(r));
      }
    }
    return out;
  }

  /** The messages with these ids that are still stored, expired or not, in the given order. */
  List<SpooledMessage> read(long[] ids) throws SQLException {
    List<SpooledMessage> out = new ArrayList<>(ids.length);
    for (long id : ids) {
      readId.setLong(1, id);
      try (ResultSet r = readId.executeQuery()) {
        if (r.next()) {
          out.add(row(r));
        }
      }
    }
    return out;
  }

  /** Ids and devices of up to {@code limit} stored messages after {@code afterId}, in id order. */
  List<SpoolRow> indexAfter(long afterId, int limit) throws SQLException {
    indexAfter.setLong(1, afterId);
    indexAfter.setInt(2, limit);
    List<SpoolRow> out = new ArrayList<>();
    try (ResultSet r = indexAfter.executeQuery()) {
      while (r.next()) {
        out.add(new SpoolRow(r.getLong(1), r.getString(2)));
      }
    }
    return out;
  }

  private static SpooledMessage row(ResultSet r) throws SQLException {
    return new SpooledMessage(r.getLong(1), r.getString(2), r.getString(3), Buffer.buffer(r.getBytes(4)),
        r.getInt(5), r.getInt(6) != 0, r.getInt(7), r.getLong(8), r.getLong(9));
  }

  /**
   * Drops the oldest messages until at least {@code count} messages and {@code bytes} bytes are gone,
   * or the table is empty.
   */
  Totals dropOldest(long count, long bytes) throws SQLException {
    long dropped = 0;
    long droppedBytes = 0;
    long lastId = -1;
    oldest.setLong(1, 0);
    oldest.setInt(2, (int) Math.min(Math.max(count, 16), 1024));
    try (ResultSet r = oldest.executeQuery()) {
      while ((dropped < count || droppedBytes < bytes) && r.next()) {
        lastId = r.getLong(1);
        droppedBytes += r.getLong(2);
        dropped++;
      }
    }
    if (lastId >= 0) {
      try (PreparedStatement d = connection.prepareStatement("DELETE FROM messages WHERE id <= ?")) {
        d.setLong(1, lastId);
        d.executeUpdate();
      }
    }
    Totals done = new Totals(dropped, droppedBytes, 0);
    if (dropped > 0 && (dropped < count || droppedBytes < bytes)) {
      return done.plus(dropOldest(count - dropped, bytes - droppedBytes));
    }
    return done;
  }

  /**
   * Removes the messages expired at {@code nowMillis}, walking from the oldest and stopping at the first
   * that has not expired: with one time to live, expiry follows acceptance order. One that expires out of
   * that order (a shorter time to live since, the clock set back) is never sent (see {@link #read}'s
   * callers) and goes when it reaches the front.
   */
  Totals deleteExpired(long nowMillis) throws SQLException {
    Totals expired = new Totals(0, 0, 0);
    long after = 0;
    boolean more = true;
    while (more) {
      oldest.setLong(1, after);
      oldest.setInt(2, SWEEP_CHUNK);
      int seen = 0;
      try (ResultSet r = oldest.executeQuery()) {
        while (r.next()) {
          seen++;
          if (r.getLong(4) > nowMillis) {
            more = false;
            break;
          }
          after = r.getLong(1);
          expired = expired.plus(new Totals(1, r.getLong(2), 0));
        }
      }
      more &= seen == SWEEP_CHUNK;
    }
    if (expired.messages() > 0) {
      try (PreparedStatement d = connection.prepareStatement("DELETE FROM messages WHERE id <= ?")) {
        d.setLong(1, after);
        d.executeUpdate();
      }
    }
    return expired;
  }

  /** Messages, bytes and the oldest acceptance time on disk (-1 when empty). */
  Totals totals() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*), coalesce(sum(size), 0), "
            + "coalesce((SELECT accepted_at FROM messages ORDER BY id LIMIT 1), -1) FROM messages")) {
      r.next();
      return new Totals(r.getLong(1), r.getLong(2), r.getLong(3));
    }
  }

  /** The highest id stored, or 0 when empty. */
  long maxId() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) FROM messages")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** The id and acceptance time of the oldest message on disk, or null when empty. */
  SpoolRow.Oldest oldest() throws SQLException {
    oldest.setLong(1, 0);
    oldest.setInt(2, 1);
    try (ResultSet r = oldest.executeQuery()) {
      return r.next() ? new SpoolRow.Oldest(r.getLong(1), r.getLong(3)) : null;
    }
  }

  void commit() throws SQLException {
    connection.commit();
  }

  /**
   * Rolls back, and prepares the statements afresh: the driver leaves a statement that failed half-way
   * (SQLITE_FULL, an I/O error) unusable. SQLite may have rolled the transaction back itself already
   * (it does on SQLITE_FULL during an insert); the driver then fails to roll back and does not begin the
   * next transaction, so this begins it.
   */
  void rollback() throws SQLException {
    try {
      connection.rollback();
    } catch (SQLException e) {
      if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
        throw e;
      }
      execute("BEGIN");
    }
    for (PreparedStatement s : new PreparedStatement[] {insert, delete, readAfter, readId, indexAfter, oldest}) {
      s.close();
    }
    prepare();
  }

  /** Runs a statement that takes no parameters, such as a PRAGMA; for tests and tools. */
  void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  /** The database's size in pages. */
  long pageCount() throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA page_count")) {
      r.next();
      return r.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  /**
   * Counts of messages and bytes.
   *
   * @param oldestAcceptedAt for {@link #totals()}: the oldest acceptance time; otherwise 0
   */
  record Totals(long messages, long bytes, long oldestAcceptedAt) {
    Totals plus(Totals other) {
      return new Totals(messages + other.messages, bytes + other.bytes, oldestAcceptedAt);
    }
  }
}
