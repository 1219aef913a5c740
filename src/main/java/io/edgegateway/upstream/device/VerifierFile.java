package io.edgegateway.upstream.device;

import io.edgegateway.local.auth.AtomicFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code device-verifiers} file: read whole and fresh on every call, replaced whole and atomically
 * ({@link AtomicFileWriter}) with mode 0600. A line that cannot be read is skipped and reported in one
 * warning per read, by line number only; it admits nobody, and the next write drops it. So does a
 * second line for a username already read.
 */
final class VerifierFile {
  private static final Logger LOG = LoggerFactory.getLogger(VerifierFile.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final Path file;

  VerifierFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  boolean exists() {
    return Files.exists(file);
  }

  /** The verifiers by username, in username order; empty when there is no file. */
  TreeMap<String, Verifier> read() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new TreeMap<>();
    }
    if (bytes.length == 0) {
      return new TreeMap<>();
    }
    // valid content is ASCII; bytes that are not UTF-8 decode to U+FFFD, which no field accepts
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    TreeMap<String, Verifier> verifiers = new TreeMap<>();
    List<Integer> damaged = new ArrayList<>();
    String firstProblem = null;
    int first = 0;
    if (lines[0].equals(VerifierFormat.HEADER)) {
      first = 1;
    } else if (lines[0].startsWith(VerifierFormat.HEADER_PREFIX)) {
      LOG.warn("{}: format version \"{}\" is not known to this gateway (it reads \"{}\"); no verifier read from it, "
          + "and the next accepted sign-in replaces the file", file, printable(lines[0]), VerifierFormat.HEADER);
      return verifiers;
    } else {
      damaged.add(1);
      firstProblem = "line 1: the header \"" + VerifierFormat.HEADER + "\" is missing";
    }
    for (int i = first; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank() || i == 0) {
        continue;
      }
      String problem;
      try {
        Verifier v = VerifierFormat.parse(line);
        if (verifiers.putIfAbsent(v.username(), v) == null) {
          continue;
        }
        problem = "a second entry for a username";
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
      damaged.add(i + 1);
      if (firstProblem == null) {
        firstProblem = "line " + (i + 1) + ": " + problem;
      }
    }
    if (!damaged.isEmpty()) {
      LOG.warn("{}: skipped {} damaged {} {} ({}); {} no device, and the next change of the file drops {}",
          file, damaged.size(), damaged.size() == 1 ? "line" : "lines", damaged, firstProblem,
          damaged.size() == 1 ? "it admits" : "they admit", damaged.size() == 1 ? "it" : "them");
    }
    return verifiers;
  }

  /** Replaces the file with these verifiers; call it holding the {@link VerifierLock}. */
  void write(Collection<Verifier> verifiers) throws IOException {
    if (VerifierLock.posix() && Files.exists(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY); // the writer keeps a replaced file's mode
    }
    AtomicFileWriter.write(file, VerifierFormat.text(verifiers).getBytes(StandardCharsets.US_ASCII));
  }

  private static String printable(String text) {
    String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
