package io.edgegateway.local.auth;

import io.edgegateway.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Adds, updates and deletes one user's entry in a Mosquitto password file, the way
 * {@code mosquitto_passwd} does. Every other line, comments and blank lines included, is kept
 * verbatim and in order (lines are written with {@code \n} endings). The file is replaced
 * atomically; a new file is created with mode 0600, an existing one keeps its permissions. A file
 * with a malformed line is not edited: the {@link ConfigException} says which line to fix.
 */
public final class PasswordFileEditor {
  /** What {@link #put} did. */
  public enum Change {
    ADDED, UPDATED
  }

  private final Path file;
  private final PasswordHasher hasher;

  public PasswordFileEditor(Path file, PasswordHasher hasher) {
    this.file = Objects.requireNonNull(file, "file");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
  }

  /**
   * Writes a file that holds only this user, replacing the file if it exists ({@code -c}).
   *
   * @throws IllegalArgumentException for an unusable username (see {@link #checkUsername})
   */
  public void create(String username, byte[] password) throws IOException {
    checkUsername(username);
    write(List.of(entryLine(username, password)));
  }

  /**
   * Sets the password of a user, adding the user at the end if absent. The file must exist.
   *
   * @throws NoSuchFileException if the file does not exist
   * @throws IllegalArgumentException for an unusable username
   */
  public Change put(String username, byte[] password) throws IOException {
    checkUsername(username);
    List<String> lines = readChecked();
    int index = indexOf(lines, username);
    String line = entryLine(username, password);
    if (index >= 0) {
      lines.set(index, line);
    } else {
      lines.add(line);
    }
    write(lines);
    return index >= 0 ? Change.UPDATED : Change.ADDED;
  }

  /**
   * Removes a user's entry.
   *
   * @return false, leaving the file untouched, if the user is not in the file
   * @throws NoSuchFileException if the file does not exist
   */
  public boolean delete(String username) throws IOException {
    Objects.requireNonNull(username, "username");
    List<String> lines = readChecked();
    int index = indexOf(lines, username);
    if (index < 0) {
      return false;
    }
    lines.remove(index);
    write(lines);
    return true;
  }

  /**
   * Refuses usernames that a password file cannot hold or that the broker would read back
   * differently: empty; containing ':' or control characters; starting with '#' (a comment);
   * starting or ending with whitespace (trimmed on reading); longer than MQTT's 65535 bytes.
   *
   * @throws IllegalArgumentException saying which rule the username breaks
   */
  public static void checkUsername(String username) {
    if (username == null || username.isEmpty()) {
      throw new IllegalArgumentException("the username must not be empty");
    }
    if (username.indexOf(':') >= 0) {
      throw new IllegalArgumentException("the username must not contain ':'");
    }
    if (username.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("the username must not contain control characters");
    }
    if (username.charAt(0) == '#') {
      throw new IllegalArgumentException(
          "the username must not start with '#' (the line would be a comment)");
    }
    if (!username.equals(username.strip())) {
      throw new IllegalArgumentException("the username must not start or end with whitespace");
    }
    if (username.getBytes(StandardCharsets.UTF_8).length > 65535) {
      throw new IllegalArgumentException("the username must not be longer than 65535 bytes");
    }
  }

  private String entryLine(String username, byte[] password) {
    return new PasswordEntry(username, hasher.hash(password)).line();
  }

  /** The file's lines, after checking that every line is well-formed. */
  private List<String> readChecked() throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
    List<String> lines = new ArrayList<>(TextFiles.readLines(file));
    PasswordFile.parse(lines, file.toString());
    return lines;
  }

  private int indexOf(List<String> lines, String username) {
    for (int i = 0; i < lines.size(); i++) {
      PasswordEntry entry = PasswordEntry.parse(lines.get(i), file + ":" + (i + 1));
      if (entry != null && entry.username().equals(username)) {
        return i;
      }
    }
    return -1;
  }

  private void write(List<String> lines) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append('\n');
    }
    AtomicFileWriter.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
