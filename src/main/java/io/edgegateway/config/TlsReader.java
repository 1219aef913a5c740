package io.edgegateway.config;

import java.nio.file.Path;

/**
 * Reads a listener's {@code tls} section. The section is required for tls and wss listeners and an
 * error for tcp and ws ones; {@code requireClientCert: true} requires {@code caFile}. Its keys are read
 * whatever the listener's type, so that their environment variables are always known names.
 */
final class TlsReader {

  private TlsReader() {
  }

  /**
   * @param tls      the listener's {@code tls} section (possibly absent)
   * @param type     the listener's type, or null when it was rejected (then no TLS rule is judged)
   * @param listener the listener's section, for the origin of its {@code type}
   * @return the TLS settings, or null when the listener has none (or they are wrong)
   */
  static TlsConfig read(ConfigSection tls, ListenerType type, ConfigSection listener, ReadContext context) {
    SettingReader r = new SettingReader(tls, context);
    Path certFile = r.pemFile("certFile", FileChecks.Pem.CERTIFICATE);
    Path keyFile = r.pemFile("keyFile", FileChecks.Pem.PRIVATE_KEY);
    Path caFile = r.pemFile("caFile", FileChecks.Pem.CERTIFICATE);
    boolean requireClientCert = r.bool("requireClientCert", false);
    if (type == null || tls.rejected()) {
      return null;
    }
    if (!type.tls()) {
      if (tls.present()) {
        context.problem(tls.origin(), tls.path(), "only tls and wss listeners take TLS settings, and this one is "
            + type.configName() + "; remove the section or change the type");
      }
      return null;
    }
    if (!tls.present()) {
      context.problem(listener.originOf("type"), tls.path(),
          "is required for a " + type.configName() + " listener: set certFile and keyFile");
      return null;
    }
    requireKey(tls, "certFile", type, context);
    requireKey(tls, "keyFile", type, context);
    if (requireClientCert && !tls.isSet("caFile") && !tls.failed("caFile")) {
      context.problem(tls.originOf("requireClientCert"), tls.pathOf("requireClientCert"),
          "is true but caFile is not set: name the CA that signs the client certificates in " + tls.pathOf("caFile"));
    }
    return new TlsConfig(certFile, keyFile, caFile, requireClientCert);
  }

  private static void requireKey(ConfigSection tls, String key, ListenerType type, ReadContext context) {
    if (!tls.isSet(key) && !tls.failed(key)) {
      context.problem(tls.origin(), tls.pathOf(key), "is required for a " + type.configName() + " listener");
    }
  }
}
