package io.edgegateway.config;

/**
 * Logging.
 *
 * @param level root level: error, warn, info, debug or trace
 */
public record LogConfig(String level) {
}
