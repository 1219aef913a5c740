package io.edgegateway.config;

/**
 * A listener as read, with what the cross-listener rules need to know about how it was written.
 *
 * @param config            the listener, with defaults standing in for rejected values
 * @param section           where it was read from: paths, origins and which keys failed
 * @param anonymousExplicit whether {@code allowAnonymous} was set rather than derived from the host
 */
record ListenerDraft(ListenerConfig config, ConfigSection section, boolean anonymousExplicit) {
}
