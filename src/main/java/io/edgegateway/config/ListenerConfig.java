package io.edgegateway.config;

/**
 * One device-facing listener.
 *
 * <p>A WebSocket listener serves MQTT on the HTTP path {@code /mqtt}.
 *
 * @param name           unique name, used in logs and metrics
 * @param type           transport
 * @param host           bind address
 * @param port           TCP port (0 picks a free port, useful in tests)
 * @param allowAnonymous whether devices may connect without credentials; when the file leaves it unset
 *                       the loader resolves it to {@code true} only for loopback bind addresses
 * @param tls            TLS material; non-null exactly when {@code type.tls()}
 */
public record ListenerConfig(
    String name,
    ListenerType type,
    String host,
    int port,
    boolean allowAnonymous,
    TlsConfig tls) {
}
