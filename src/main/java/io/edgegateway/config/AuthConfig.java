package io.edgegateway.config;

import java.nio.file.Path;

/**
 * Device authentication and authorisation files, both in Mosquitto's formats.
 *
 * @param passwordFile {@code mosquitto_passwd} file, or null for none
 * @param aclFile      Mosquitto ACL file, or null: then every authenticated or anonymous device may
 *                     publish and subscribe to every topic
 */
public record AuthConfig(Path passwordFile, Path aclFile) {
}
