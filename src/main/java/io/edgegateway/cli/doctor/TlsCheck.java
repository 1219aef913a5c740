package io.edgegateway.cli.doctor;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Step 4: a TLS handshake over the TCP connection as the device SDK makes it: SNI with the endpoint's
 * name, ALPN {@code mqtt}, the server's certificate checked against {@code upstream.caFile} or the system
 * trust store, and its name against the endpoint.
 */
final class TlsCheck {

  static final String STEP = "TLS";
  private static final String ALPN = "mqtt";
  /** IoT Core's port for custom authentication over MQTT, where ALPN {@code mqtt} is required. */
  private static final int CUSTOM_AUTH_PORT = 443;

  private TlsCheck() {
  }

  /** Whether the handshake succeeded; reports either way and closes the socket. */
  static boolean handshake(Socket tcp, String endpoint, int port, Path caFile, Duration timeout, Report report) {
    String trust = caFile == null ? "the JDK's default trust store" : "upstream.caFile " + caFile;
    RecordingTrustManager trustManager;
    try {
      trustManager = new RecordingTrustManager(trustManager(caFile));
    } catch (IOException | GeneralSecurityException e) {
      TcpCheck.closeQuietly(tcp);
      report.add(Check.failed(STEP, "cannot read " + trust + " (" + e.getMessage() + ")",
          "upstream.caFile must hold PEM certificates"));
      return false;
    }
    try (SSLSocket socket = socket(tcp, endpoint, port, trustManager)) {
      socket.setSoTimeout((int) timeout.toMillis());
      socket.startHandshake();
      String alpn = socket.getApplicationProtocol();
      if (!ALPN.equals(alpn) && port == CUSTOM_AUTH_PORT) {
        report.add(Check.failed(STEP, "the server did not agree to ALPN protocol mqtt",
            "IoT Core does on port 443: is upstream.endpoint IoT Core's data endpoint?"));
        return false;
      }
      X509Certificate server = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      report.add(Check.ok(STEP, socket.getSession().getProtocol() + ", ALPN "
          + (alpn == null || alpn.isEmpty() ? "none" : alpn) + ", certificate " + subject(server)
          + " trusted by " + trust + (isAddress(endpoint) ? "; no SNI (the endpoint is an address; IoT Core needs "
          + "its host name)" : "")));
      return true;
    } catch (IOException e) {
      report.add(failure(e, endpoint, port, trust, caFile, trustManager.presented(), timeout));
      return false;
    }
  }

  private static SSLSocket socket(Socket tcp, String endpoint, int port, X509TrustManager trustManager)
      throws IOException {
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS is not available: " + e.getMessage(), e);
    }
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(tcp, endpoint, port, true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    parameters.setApplicationProtocols(new String[] {ALPN});
    if (!isAddress(endpoint)) {
      parameters.setServerNames(List.of(new SNIHostName(endpoint)));
    }
    socket.setSSLParameters(parameters);
    return socket;
  }

  private static X509ExtendedTrustManager trustManager(Path caFile) throws IOException, GeneralSecurityException {
    KeyStore store = null;
    if (caFile != null) {
      store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      try (InputStream in = Files.newInputStream(caFile)) {
        int i = 0;
        for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          store.setCertificateEntry("ca-" + i++, certificate);
        }
        if (i == 0) {
          throw new GeneralSecurityException("no certificate in it");
        }
      }
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager that checks host names");
  }

  private static Check failure(IOException e, String endpoint, int port, String trust, Path caFile,
      X509Certificate[] presented, Duration timeout) {
    String certificate = presented == null ? "the server's certificate" : "the server's certificate "
        + subject(presented[0]) + " (issued by " + presented[presented.length - 1].getIssuerX500Principal().getName()
        + ")";
    if (causedBy(e, CertificateExpiredException.class)) {
      return Check.failed(STEP, certificate + " has expired", "check this machine's clock, then the server");
    }
    if (causedBy(e, CertificateNotYetValidException.class)) {
      return Check.failed(STEP, certificate + " is not valid yet", "check this machine's clock (date)");
    }
    if (causedBy(e, CertPathBuilderException.class) || causedBy(e, CertPathValidatorException.class)) {
      return Check.failed(STEP, certificate + " is not trusted by " + trust, caFile == null
          ? "set upstream.caFile to the CA that signs the endpoint's certificate (for IoT Core's ATS endpoints: "
              + "Amazon Root CA 1), or add that CA to the JDK's and the operating system's trust stores"
          : "upstream.caFile must hold the CA that signs the endpoint's certificate (for IoT Core's ATS "
              + "endpoints: Amazon Root CA 1); or remove caFile to use the system's trust store");
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("No subject alternative") || message.contains("No name matching")) {
      return Check.failed(STEP, certificate + " is not for " + endpoint,
          "upstream.endpoint must be the name the certificate was issued for (IoT Core: the -ats data endpoint)");
    }
    if (e instanceof SocketTimeoutException) {
      return Check.failed(STEP, "no TLS answer within " + timeout.toSeconds() + " s",
          "is port " + port + " a TLS port (check upstream.port)?");
    }
    if (message.contains("Unsupported or unrecognized SSL message")) {
      return Check.failed(STEP, "the server on port " + port + " does not speak TLS", "check upstream.port");
    }
    if (message.contains("handshake_failure") || message.contains("no_application_protocol")) {
      return Check.failed(STEP, "the server refused the handshake (" + message + ")",
          "IoT Core does so without SNI or without ALPN mqtt: upstream.endpoint must be a host name, "
              + "upstream.port 443");
    }
    if (e instanceof EOFException || e instanceof SocketException || causedBy(e, EOFException.class)) {
      return Check.failed(STEP, "the server closed the connection during the handshake (" + message + ")",
          "is upstream.endpoint IoT Core's data endpoint, and upstream.port 443?");
    }
    return Check.failed(STEP, "handshake failed (" + (e instanceof SSLException ? "" : e.getClass().getSimpleName()
        + ": ") + message + ")", "check upstream.endpoint, upstream.port and upstream.caFile");
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }

  /** An IP address, for which TLS sends no SNI. */
  static boolean isAddress(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  /** Checks as its delegate does, and keeps the chain the server presented for the explanation. */
  private static final class RecordingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private volatile X509Certificate[] presented;

    RecordingTrustManager(X509ExtendedTrustManager delegate) {
      this.delegate = delegate;
    }

    X509Certificate[] presented() {
      return presented;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      presented = chain;
      delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      presented = chain;
      delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      presented = chain;
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
