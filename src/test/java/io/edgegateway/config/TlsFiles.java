package io.edgegateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temporary PEM-shaped files for the loader tests. The loader checks that the files exist, can be read
 * and hold the right PEM blocks; it does not decode them, so the bodies need not be real keys.
 */
final class TlsFiles {

  static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIBdummy\n-----END CERTIFICATE-----\n";
  static final String PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEdummy\n-----END PRIVATE KEY-----\n";

  private TlsFiles() {
  }

  static Path write(String prefix, String content) throws IOException {
    Path file = Files.createTempFile(prefix, ".pem");
    file.toFile().deleteOnExit();
    Files.writeString(file, content);
    return file;
  }

  static Path certificate() throws IOException {
    return write("cert", CERTIFICATE);
  }

  static Path privateKey() throws IOException {
    return write("key", PRIVATE_KEY);
  }

  static Path passwordFile() throws IOException {
    return write("passwd", "device1:$7$101$c2FsdA==$aGFzaA==\n");
  }

  /** A {@code tls:} section with a fresh certificate and key, each line indented by {@code indent}. */
  static String tlsSection(String indent) throws IOException {
    return indent + "tls:\n"
        + indent + "  certFile: " + certificate() + "\n"
        + indent + "  keyFile: " + privateKey() + "\n";
  }
}
