/**
 * Device authentication and authorisation from Mosquitto's own files: a {@code mosquitto_passwd}
 * password file ({@link io.edgegateway.local.auth.PasswordFile}, edited with
 * {@link io.edgegateway.local.auth.PasswordFileEditor}) and a Mosquitto ACL file
 * ({@link io.edgegateway.local.auth.AclFile}), read with the same rules as Mosquitto 2.0.
 */
package io.edgegateway.local.auth;
