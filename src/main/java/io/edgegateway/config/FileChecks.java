package io.edgegateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the files a configuration names: that they exist, are files and can be read, and, for TLS
 * material, that they hold the PEM blocks the listener will load. Contents are never quoted in messages:
 * a key file is a secret. Relative paths resolve against the process's working directory.
 */
final class FileChecks {

  /** What a PEM file must hold. */
  enum Pem {
    CERTIFICATE, PRIVATE_KEY
  }

  /** PEM files larger than this are surely something else; reading stops there. */
  static final int MAX_PEM_BYTES = 1 << 20;

  private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
  private static final List<String> KEY_LABELS = List.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY");

  private FileChecks() {
  }

  /** The path {@code text} names, whether or not a file is there. */
  static Path path(String text) throws InvalidValueException {
    if (text.isBlank()) {
      throw InvalidValueException.malformed("must be a file path");
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw InvalidValueException.malformed("must be a file path");
    }
  }

  /** The path {@code text} names, which must be an existing, readable regular file. */
  static Path readableFile(String text) throws InvalidValueException {
    Path path = path(text);
    if (!Files.exists(path)) {
      throw InvalidValueException.stated("file not found: " + text + relativeHint(path));
    }
    if (Files.isDirectory(path)) {
      throw InvalidValueException.stated("is a directory, not a file: " + text);
    }
    if (!Files.isRegularFile(path)) {
      throw InvalidValueException.stated("is not a regular file: " + text);
    }
    if (!Files.isReadable(path)) {
      throw InvalidValueException.stated("cannot be read by this process (check the file's owner and mode): "
          + text);
    }
    return path;
  }

  /** Checks that a readable file holds the PEM block {@code kind} needs. */
  static void pem(Path path, Pem kind) throws InvalidValueException {
    List<String> labels = labels(path);
    if (kind == Pem.CERTIFICATE && !labels.contains("CERTIFICATE")) {
      throw InvalidValueException.stated("does not hold a PEM certificate (-----BEGIN CERTIFICATE-----): " + path);
    }
    if (kind == Pem.PRIVATE_KEY && labels.stream().noneMatch(KEY_LABELS::contains)) {
      if (labels.contains("ENCRYPTED PRIVATE KEY")) {
        throw InvalidValueException.stated("holds an encrypted private key, which the gateway cannot unlock; "
            + "store it unencrypted and make the file readable only by the gateway's user: " + path);
      }
      throw InvalidValueException.stated("does not hold a PEM private key (-----BEGIN PRIVATE KEY-----, "
          + "RSA PRIVATE KEY or EC PRIVATE KEY): " + path);
    }
  }

  private static List<String> labels(Path path) throws InvalidValueException {
    byte[] head;
    try (InputStream in = Files.newInputStream(path)) {
      head = in.readNBytes(MAX_PEM_BYTES);
    } catch (IOException e) {
      throw InvalidValueException.stated("cannot be read (" + e.getClass().getSimpleName() + "): " + path);
    }
    Matcher m = BEGIN.matcher(new String(head, StandardCharsets.ISO_8859_1));
    List<String> labels = new ArrayList<>();
    while (m.find()) {
      labels.add(m.group(1));
    }
    return labels;
  }

  private static String relativeHint(Path path) {
    if (path.isAbsolute()) {
      return "";
    }
    return " (relative paths start from the working directory " + Path.of("").toAbsolutePath() + ")";
  }
}
