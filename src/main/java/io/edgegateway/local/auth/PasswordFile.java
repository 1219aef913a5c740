package io.edgegateway.local.auth;

import io.edgegateway.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The users and password hashes of a Mosquitto password file, as written by
 * {@code mosquitto_passwd} or by {@link PasswordFileEditor}: lines {@code username:$7$...} or
 * {@code username:$6$...} (see {@link PasswordHash}), blank lines, and comment lines starting with
 * {@code #}.
 *
 * <p>Verification cost: a {@code $7$} check runs the PBKDF2 iteration count stored in the entry.
 * At Mosquitto's default of 101 iterations that is about 60 microseconds on an x86 server core
 * (expect a few times more on a Raspberry Pi), cheap enough for an event loop. The cost grows
 * linearly with the count: callers should verify off the event loop when a file was made with a
 * high {@code -I} count; {@link #maxIterations()} tells which case applies. Immutable and
 * thread-safe.
 */
public final class PasswordFile {
  private final Map<String, PasswordHash> hashes;
  private final int maxIterations;
  /** Checked for unknown users, as costly as the costliest real entry. */
  private final PasswordHash dummy;

  private PasswordFile(Map<String, PasswordHash> hashes) {
    this.hashes = Collections.unmodifiableMap(hashes);
    this.maxIterations = hashes.values().stream()
        .mapToInt(PasswordHash::iterations).max().orElse(0);
    this.dummy = PasswordHash.pbkdf2(new byte[0], new byte[PasswordHash.SALT_LENGTH],
        Math.max(maxIterations, PasswordHasher.DEFAULT_ITERATIONS));
  }

  /**
   * Reads a password file (UTF-8).
   *
   * @throws ConfigException for a malformed line, naming the file, the line number and the problem
   */
  public static PasswordFile load(Path file) throws IOException {
    return parse(TextFiles.readLines(file), file.toString());
  }

  /**
   * Parses the lines of a password file.
   *
   * @param sourceName the file name used in error messages
   * @throws ConfigException for a malformed line or a user listed twice
   */
  public static PasswordFile parse(List<String> lines, String sourceName) {
    Map<String, PasswordHash> hashes = new HashMap<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNumber = i + 1;
      PasswordEntry entry = PasswordEntry.parse(lines.get(i), sourceName + ":" + lineNumber);
      if (entry == null) {
        continue;
      }
      Integer earlier = firstLine.putIfAbsent(entry.username(), lineNumber);
      if (earlier != null) {
        throw new ConfigException(sourceName + ":" + lineNumber + ": user \"" + entry.username()
            + "\" is already defined on line " + earlier);
      }
      hashes.put(entry.username(), entry.hash());
    }
    return new PasswordFile(hashes);
  }

  /**
   * Whether {@code password} is the password of {@code username}. False for unknown users and for a
   * null password; an unknown user costs about as much time as a known one, so timing does not tell
   * which usernames exist. The comparison is constant-time. Nothing is logged.
   *
   * @param password the password bytes exactly as the client sent them (UTF-8 for text passwords)
   */
  public boolean verify(String username, byte[] password) {
    PasswordHash hash = username == null ? null : hashes.get(username);
    if (hash == null || password == null) {
      dummy.matches(password == null ? new byte[0] : password);
      return false;
    }
    return hash.matches(password);
  }

  public boolean contains(String username) {
    return hashes.containsKey(Objects.requireNonNull(username, "username"));
  }

  public int size() {
    return hashes.size();
  }

  /** The highest iteration count of any entry (1 for {@code $6$} entries), 0 for an empty file. */
  public int maxIterations() {
    return maxIterations;
  }
}
