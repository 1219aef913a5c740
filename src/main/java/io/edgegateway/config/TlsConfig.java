package io.edgegateway.config;

import java.nio.file.Path;

/**
 * TLS material of a listener, PEM files.
 *
 * @param certFile          server certificate chain
 * @param keyFile           server private key, unencrypted (PKCS#8, PKCS#1 RSA or SEC1 EC PEM)
 * @param caFile            CA that signs client certificates, or null
 * @param requireClientCert whether a client certificate signed by {@code caFile} is required
 */
public record TlsConfig(Path certFile, Path keyFile, Path caFile, boolean requireClientCert) {
}
