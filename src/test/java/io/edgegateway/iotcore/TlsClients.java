package io.edgegateway.iotcore;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Client sockets for Paho (which sends no ALPN and sets SNI from the host): trusting the simulator's CA,
 * sending the given SNI name and ALPN protocols, or none of either.
 */
final class TlsClients {
  private TlsClients() {
  }

  /** SNI {@code localhost} and ALPN {@code mqtt}, as IoT Core wants. */
  static SSLSocketFactory iotCore(ServerTls tls) throws Exception {
    return factory(tls, Optional.of("localhost"), List.of("mqtt"));
  }

  static SSLSocketFactory factory(ServerTls tls, Optional<String> serverName, List<String> protocols)
      throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(tls.ca())) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return new Configured(context.getSocketFactory(), serverName, protocols);
  }

  private static final class Configured extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final Optional<String> serverName;
    private final List<String> protocols;

    Configured(SSLSocketFactory delegate, Optional<String> serverName, List<String> protocols) {
      this.delegate = delegate;
      this.serverName = serverName;
      this.protocols = protocols;
    }

    private Socket configure(Socket socket) {
      return new PinnedParametersSocket((SSLSocket) socket, serverName, protocols);
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return configure(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
      return configure(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return configure(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return configure(delegate.createSocket(address, port, localAddress, localPort));
    }
  }
}
