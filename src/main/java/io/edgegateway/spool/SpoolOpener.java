package io.edgegateway.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the spool database at start-up and checks its integrity. A file that is corrupt, or is not a
 * database, is moved aside with a timestamp suffix (kept, never deleted, together with its WAL and
 * shared-memory files) and a new, empty spool is started; the caller must report that loudly.
 */
public final class SpoolOpener {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolOpener.class);
  private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
      .withZone(ZoneOffset.UTC);
  private static final String[] COMPANIONS = {"", "-wal", "-shm"};

  private final Clock clock;

  public SpoolOpener(Clock clock) {
    this.clock = clock;
  }

  /**
   * The opened store, and what was moved aside.
   *
   * @param movedAside the corrupt database file's new name, when it was corrupt
   * @param problem    what was wrong with it, when it was corrupt
   */
  public record Opened(SpoolStore store, Optional<Path> movedAside, Optional<String> problem) {
    /** Whether a corrupt spool was moved aside and a new one started: log it at ERROR. */
    public boolean recovered() {
      return movedAside.isPresent();
    }
  }

  /**
   * Opens (creating if needed) the spool in {@code directory}.
   *
   * @throws SQLException when even a new database cannot be made there
   */
  public Opened open(Path directory, Durability durability) throws SQLException {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the spool directory " + directory, e);
    }
    String problem;
    try {
      SpoolStore store = SpoolStore.open(directory, durability);
      try {
        String check = store.integrityCheck();
        if ("ok".equals(check)) {
          return new Opened(store, Optional.empty(), Optional.empty());
        }
        problem = "integrity check failed: " + check;
      } catch (SQLException e) {
        problem = "integrity check failed: " + e.getMessage();
      }
      store.close();
    } catch (SQLException e) {
      problem = "cannot open it: " + e.getMessage();
    }
    Path aside = moveAside(directory);
    LOG.error("spool: the database {} is corrupt ({}); moved it aside to {} and started an empty spool. "
        + "Messages in it were NOT forwarded", directory.resolve(SpoolStore.FILE_NAME), problem, aside);
    return new Opened(SpoolStore.open(directory, durability), Optional.of(aside), Optional.of(problem));
  }

  private Path moveAside(Path directory) {
    String suffix = ".corrupt-" + SUFFIX.format(clock.instant());
    for (String companion : COMPANIONS) {
      Path file = directory.resolve(SpoolStore.FILE_NAME + companion);
      if (Files.exists(file)) {
        Path target = directory.resolve(SpoolStore.FILE_NAME + suffix + companion);
        try {
          Files.move(file, target);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot move the corrupt spool file " + file + " aside", e);
        }
      }
    }
    return directory.resolve(SpoolStore.FILE_NAME + suffix);
  }
}
