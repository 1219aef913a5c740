package io.edgegateway.local.auth;

import io.edgegateway.config.ConfigException;

/**
 * One {@code username:hash} line of a password file.
 *
 * <p>Blank lines and lines whose first character is {@code #} carry no entry. Like the Mosquitto
 * broker, blanks around the username and the hash are ignored. Stricter than the broker, which
 * skips bad lines with a log message: anything else is an error, so that a typo never silently
 * locks a device out or leaves a stale password in force.
 */
record PasswordEntry(String username, PasswordHash hash) {

  /**
   * Parses one line.
   *
   * @param where the file name and line number, for messages
   * @return the entry, or null for a blank or comment line
   * @throws ConfigException naming {@code where} and what is wrong (never the hash itself)
   */
  static PasswordEntry parse(String line, String where) {
    if (line.isBlank() || line.charAt(0) == '#') {
      return null;
    }
    if (line.strip().startsWith("#")) {
      throw new ConfigException(where + ": a comment must start with '#' in the first column");
    }
    int colon = line.indexOf(':');
    if (colon < 0) {
      throw new ConfigException(where + ": expected username:hash, there is no ':'");
    }
    String username = line.substring(0, colon).strip();
    String encoded = line.substring(colon + 1).strip();
    if (username.isEmpty()) {
      throw new ConfigException(where + ": the username is empty");
    }
    if (encoded.isEmpty()) {
      throw new ConfigException(where + ": user \"" + username + "\" has no password hash");
    }
    if (encoded.indexOf(':') >= 0) {
      throw new ConfigException(
          where + ": user \"" + username + "\": unexpected ':' after the password hash");
    }
    try {
      return new PasswordEntry(username, PasswordHash.parse(encoded));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": user \"" + username + "\": " + e.getMessage());
    }
  }

  /** The line as written to a password file. */
  String line() {
    return username + ":" + hash.encode();
  }
}
