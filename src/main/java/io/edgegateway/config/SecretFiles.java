package io.edgegateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a secret from a file: one line of UTF-8, its trailing newline stripped. A relative name is
 * looked up first in {@code $CREDENTIALS_DIRECTORY}, where systemd's {@code LoadCredential=} puts the
 * service's credentials, then in the working directory. Messages name the file, never its content.
 */
final class SecretFiles {

  /** The variable systemd sets for a service with {@code LoadCredential=}. */
  static final String CREDENTIALS_DIRECTORY = "CREDENTIALS_DIRECTORY";
  /** A secret file larger than this is surely the wrong file. */
  static final int MAX_BYTES = 64 * 1024;

  private SecretFiles() {
  }

  /** The secret in the file {@code text} names; {@code environment} may hold {@code CREDENTIALS_DIRECTORY}. */
  static Secret read(String text, Map<String, String> environment) throws InvalidValueException {
    Path path = locate(text, environment);
    FileChecks.readableFile(path.toString());
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw InvalidValueException.stated("cannot be read (" + e.getClass().getSimpleName() + "): " + path);
    }
    if (bytes.length > MAX_BYTES) {
      throw InvalidValueException.stated("is larger than 64KiB, so it cannot be a secret of one line: " + path);
    }
    String content = stripNewline(decode(bytes, path));
    if (content.isEmpty()) {
      throw InvalidValueException.stated("is empty: " + path);
    }
    if (content.indexOf('\n') >= 0 || content.indexOf('\r') >= 0) {
      throw InvalidValueException.stated("holds more than one line; write the secret alone on one line: " + path);
    }
    return new Secret("file " + path, content);
  }

  /** The file a name means: under {@code $CREDENTIALS_DIRECTORY} when relative and present there, else as given. */
  static Path locate(String text, Map<String, String> environment) throws InvalidValueException {
    Path path = FileChecks.path(text);
    String directory = environment.get(CREDENTIALS_DIRECTORY);
    if (path.isAbsolute() || directory == null || directory.isEmpty()) {
      return path;
    }
    Path credential = Path.of(directory).resolve(path);
    if (Files.exists(credential)) {
      return credential;
    }
    if (!Files.exists(path)) {
      throw InvalidValueException.stated("file not found: " + text + " (looked in $" + CREDENTIALS_DIRECTORY + ", "
          + directory + ", then in the working directory " + Path.of("").toAbsolutePath() + ")");
    }
    return path;
  }

  private static String decode(byte[] bytes, Path path) throws InvalidValueException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw InvalidValueException.stated("is not UTF-8 text: " + path);
    }
  }

  private static String stripNewline(String content) {
    if (content.endsWith("\r\n")) {
      return content.substring(0, content.length() - 2);
    }
    if (content.endsWith("\n")) {
      return content.substring(0, content.length() - 1);
    }
    return content;
  }
}
