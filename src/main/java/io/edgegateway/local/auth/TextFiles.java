package io.edgegateway.local.auth;

import io.edgegateway.config.ConfigException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the UTF-8 text files of this package, turning bad encoding into a configuration error. */
final class TextFiles {
  private TextFiles() {
  }

  static List<String> readLines(Path file) throws IOException {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + ": the file is not valid UTF-8 text");
    }
  }
}
