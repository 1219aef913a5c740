package io.edgegateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away CA and a server certificate for 127.0.0.1 and localhost, made with openssl in a
 * temporary directory, as a user would make them for a LAN listener.
 */
public final class TestCertificates {

  private final Path ca;
  private final Path cert;
  private final Path key;

  private TestCertificates(Path dir) {
    this.ca = dir.resolve("ca.crt");
    this.cert = dir.resolve("server.crt");
    this.key = dir.resolve("server.key");
  }

  public static TestCertificates create(Path dir) throws IOException, InterruptedException {
    TestCertificates c = new TestCertificates(dir);
    Path caKey = dir.resolve("ca.key");
    Path csr = dir.resolve("server.csr");
    Path ext = dir.resolve("san.ext");
    Files.writeString(ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
    run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test-ca",
        "-keyout", caKey.toString(), "-out", c.ca.toString());
    run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
        "-keyout", c.key.toString(), "-out", csr.toString());
    run(dir, "openssl", "x509", "-req", "-in", csr.toString(), "-CA", c.ca.toString(), "-CAkey", caKey.toString(),
        "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", c.cert.toString());
    return c;
  }

  public Path ca() {
    return ca;
  }

  public Path cert() {
    return cert;
  }

  public Path key() {
    return key;
  }

  /** A socket factory that trusts only the test CA. */
  public SSLSocketFactory clientSocketFactory() throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(ca)) {
      X509Certificate caCert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      trust.setCertificateEntry("ca", caCert);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx.getSocketFactory();
  }

  private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
