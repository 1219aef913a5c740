package io.edgegateway.local.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {
  @TempDir
  Path dir;

  @Test
  void aFailedWriteLeavesTheOriginalAndNoTemporaryFile() throws Exception {
    Path file = dir.resolve("target");
    Files.writeString(file, "original\n");
    assertThatThrownBy(() -> AtomicFileWriter.write(file, out -> {
      out.write("half of the new cont".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    })).isInstanceOf(IOException.class).hasMessage("disk full");
    assertThat(Files.readString(file)).isEqualTo("original\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void replacesTheContent() throws Exception {
    Path file = dir.resolve("target");
    Files.writeString(file, "old\n");
    AtomicFileWriter.write(file, "new\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(file)).isEqualTo("new\n");
  }
}
