package io.edgegateway.local.access;

import io.edgegateway.local.auth.PasswordFile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;

/**
 * Checks a device's MQTT username and password against the password file, as Mosquitto 2 does:
 * credentials, when a device sends them and a password file is configured, must be right even on a
 * listener that admits anonymous devices; a device without credentials is admitted only where the
 * listener allows anonymous access.
 */
public final class DeviceAuthenticator {

  private final PasswordFile passwords;

  /** @param passwords the password file, or null when none is configured */
  public DeviceAuthenticator(PasswordFile passwords) {
    this.passwords = passwords;
  }

  /**
   * @param username       MQTT username, or null when the device sent none
   * @param password       MQTT password, or null
   * @param allowAnonymous whether the listener the device came in on admits anonymous devices
   */
  public Authentication authenticate(String username, String password, boolean allowAnonymous) {
    return decide(username, password, allowAnonymous);
  }

  /**
   * As {@link #authenticate(String, String, boolean)}, with the password hash computed on a worker
   * thread: PBKDF2 with a high iteration count takes long enough to stall an event loop.
   */
  public Future<Authentication> authenticate(Vertx vertx, String username, String password,
      boolean allowAnonymous) {
    if (username == null || password == null || passwords == null) {
      return Future.succeededFuture(decide(username, password, allowAnonymous));
    }
    return vertx.executeBlocking(() -> decide(username, password, allowAnonymous), false);
  }

  private Authentication decide(String username, String password, boolean allowAnonymous) {
    if (username == null || password == null) {
      return allowAnonymous ? Authentication.ANONYMOUS : Authentication.CREDENTIALS_REQUIRED;
    }
    if (passwords == null) {
      // no password file: only an anonymous listener can admit the device, and it ignores credentials
      return allowAnonymous ? Authentication.ANONYMOUS : Authentication.BAD_CREDENTIALS;
    }
    return passwords.verify(username, password.getBytes(StandardCharsets.UTF_8))
        ? Authentication.AUTHENTICATED
        : Authentication.BAD_CREDENTIALS;
  }
}
