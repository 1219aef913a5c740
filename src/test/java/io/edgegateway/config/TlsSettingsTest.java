package io.edgegateway.config;

import static io.edgegateway.config.ConfigTesting.parse;
import static io.edgegateway.config.ConfigTesting.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {

  @TempDir
  Path dir;

  private String tlsListener(String type, String tlsLines) {
    return "listeners:\n  - type: " + type + "\n    tls:\n" + tlsLines;
  }

  @Test
  void wssListenerReadsItsTlsFiles() throws Exception {
    Path cert = TlsFiles.certificate();
    Path key = TlsFiles.write("rsa", "-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----\n");

    ListenerConfig listener = parse(tlsListener("wss", "      certFile: " + cert + "\n      keyFile: " + key + "\n"))
        .listeners().get(0);

    assertThat(listener.tls()).isEqualTo(new TlsConfig(cert, key, null, false));
    assertThat(listener.port()).isEqualTo(8443);
  }

  @Test
  void missingFilesAreReportedWithTheirPaths() {
    Path cert = dir.resolve("missing.crt");
    Path key = dir.resolve("missing.key");

    List<String> problems = problems(tlsListener("tls", "      certFile: " + cert + "\n      keyFile: " + key + "\n"));

    assertThat(problems).containsExactly(
        "gw.yaml:4: listeners[0].tls.certFile: file not found: " + cert,
        "gw.yaml:5: listeners[0].tls.keyFile: file not found: " + key);
  }

  @Test
  void aRelativeMissingFileNamesTheWorkingDirectory() {
    List<String> problems = problems("auth:\n  passwordFile: config/no-such-passwd\n");

    assertThat(problems).containsExactly("gw.yaml:2: auth.passwordFile: file not found: config/no-such-passwd"
        + " (relative paths start from the working directory " + Path.of("").toAbsolutePath() + ")");
  }

  @Test
  void filesMustHoldTheRightPemBlocks() throws Exception {
    Path keyAsCert = TlsFiles.privateKey();
    Path certAsKey = TlsFiles.certificate();
    Path encrypted = TlsFiles.write("enc", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nx\n-----END ENCRYPTED PRIVATE KEY-----\n");

    assertThat(problems(tlsListener("tls", "      certFile: " + keyAsCert + "\n      keyFile: " + certAsKey + "\n")))
        .containsExactly(
            "gw.yaml:4: listeners[0].tls.certFile: does not hold a PEM certificate (-----BEGIN CERTIFICATE-----): "
                + keyAsCert,
            "gw.yaml:5: listeners[0].tls.keyFile: does not hold a PEM private key (-----BEGIN PRIVATE KEY-----, "
                + "RSA PRIVATE KEY or EC PRIVATE KEY): " + certAsKey);
    assertThat(problems(tlsListener("tls", "      certFile: " + certAsKey + "\n      keyFile: " + encrypted + "\n")))
        .singleElement().asString()
        .startsWith("gw.yaml:5: listeners[0].tls.keyFile: holds an encrypted private key")
        .doesNotContain("-----BEGIN ENCRYPTED");
  }

  @Test
  void aDirectoryIsNotAFile() throws Exception {
    Path key = TlsFiles.privateKey();

    assertThat(problems(tlsListener("tls", "      certFile: " + dir + "\n      keyFile: " + key + "\n")))
        .containsExactly("gw.yaml:4: listeners[0].tls.certFile: is a directory, not a file: " + dir);
  }

  @Test
  void tlsListenersNeedTheSectionAndBothFiles() throws Exception {
    assertThat(problems("listeners:\n  - name: secure\n    type: tls\n")).containsExactly(
        "gw.yaml:3: listeners[0].tls: is required for a tls listener: set certFile and keyFile");
    assertThat(problems(tlsListener("wss", "      certFile: " + TlsFiles.certificate() + "\n"))).containsExactly(
        "gw.yaml:3: listeners[0].tls.keyFile: is required for a wss listener");
  }

  @Test
  void plainListenersRefuseTlsSettings() throws Exception {
    assertThat(problems(tlsListener("ws", "      requireClientCert: false\n"))).containsExactly(
        "gw.yaml:3: listeners[0].tls: only tls and wss listeners take TLS settings, and this one is ws; "
            + "remove the section or change the type");
  }

  @Test
  void requiringClientCertificatesNeedsACaFile() throws Exception {
    Path cert = TlsFiles.certificate();
    Path key = TlsFiles.privateKey();
    Path ca = Files.writeString(dir.resolve("ca.pem"), TlsFiles.CERTIFICATE);
    String base = "      certFile: " + cert + "\n      keyFile: " + key + "\n      requireClientCert: true\n";

    assertThat(problems(tlsListener("tls", base))).containsExactly(
        "gw.yaml:6: listeners[0].tls.requireClientCert: is true but caFile is not set: "
            + "name the CA that signs the client certificates in listeners[0].tls.caFile");
    assertThat(parse(tlsListener("tls", base + "      caFile: " + ca + "\n")).listeners().get(0).tls())
        .isEqualTo(new TlsConfig(cert, key, ca, true));
  }
}
