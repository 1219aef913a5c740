package io.edgegateway.iotcore;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The server's key manager, which is where a TLS handshake can be refused as IoT Core refuses it: a
 * client that names no server (SNI) or does not ask for the application protocol {@code mqtt} (ALPN) gets
 * no certificate, so its handshake fails. The JDK consults it after it has read the ClientHello's
 * extensions, so both are known here.
 *
 * <p>Why here: vertx-mqtt's {@code MqttEndpoint} exposes the {@link SSLSession} (from which the SNI name
 * can be read after the handshake, see {@link #serverName}) but not the negotiated ALPN protocol, and
 * Vert.x's own ALPN support lets a client that offers no ALPN at all through.
 */
final class HandshakeGate extends X509ExtendedKeyManager {
  static final String MQTT = "mqtt";
  private static final String REFUSAL_NOTED = "iotcore.refused";

  private final X509KeyManager delegate;
  private final Counters counters;

  HandshakeGate(X509KeyManager delegate, Counters counters) {
    this.delegate = delegate;
    this.counters = counters;
  }

  /** The host name a client sent in SNI, read from an established session. */
  static Optional<String> serverName(SSLSession session) {
    if (!(session instanceof ExtendedSSLSession extended)) {
      return Optional.empty();
    }
    for (SNIServerName name : extended.getRequestedServerNames()) {
      if (name.getType() == StandardConstants.SNI_HOST_NAME) {
        return Optional.of(((SNIHostName) name).getAsciiName());
      }
    }
    return Optional.empty();
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    SSLSession handshake = engine.getHandshakeSession();
    if (handshake == null || serverName(handshake).isEmpty()) {
      noteRefusal(handshake, Counter.TLS_NO_SNI);
      return null;
    }
    if (!MQTT.equals(engine.getHandshakeApplicationProtocol())) {
      noteRefusal(handshake, Counter.TLS_NO_ALPN_MQTT);
      return null;
    }
    return delegate instanceof X509ExtendedKeyManager extended
        ? extended.chooseEngineServerAlias(keyType, issuers, engine)
        : delegate.chooseServerAlias(keyType, issuers, null);
  }

  /** The JDK asks once per key type; count a refused handshake once. */
  private void noteRefusal(SSLSession handshake, Counter counter) {
    if (handshake == null || handshake.getValue(REFUSAL_NOTED) == null) {
      counters.increment(counter);
      if (handshake != null) {
        handshake.putValue(REFUSAL_NOTED, Boolean.TRUE);
      }
    }
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return delegate.getServerAliases(keyType, issuers);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return delegate.getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return delegate.getPrivateKey(alias);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return new String[0];
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
