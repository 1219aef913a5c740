package io.edgegateway.iotcore;

import io.edgegateway.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Path;

/** The simulator's server certificate and key (PEM) and the CA a client must trust to reach it. */
public record ServerTls(Path cert, Path key, Path ca) {

  /** A fresh test CA and a server certificate for {@code localhost} and {@code 127.0.0.1}, made with openssl. */
  public static ServerTls generate(Path directory) throws IOException, InterruptedException {
    TestCertificates certificates = TestCertificates.create(directory.toAbsolutePath());
    return new ServerTls(certificates.cert(), certificates.key(), certificates.ca());
  }
}
