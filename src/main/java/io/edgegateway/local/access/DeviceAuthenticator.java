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

  /** Iteration counts up to this are checked on the event loop. */
  static final int CHEAP_ITERATIONS = 1000;
  /** Slow password checks allowed at once; more are refused as "server busy". */
  static final int MAX_PENDING_CHECKS = 16;

  private volatile PasswordFile passwords;
  private int pendingChecks;

  /** @param passwords the password file, or null when none is configured */
  public DeviceAuthenticator(PasswordFile passwords) {
    this.passwords = passwords;
  }

  /** Checks the devices that connect from now on against {@code next} (a reload); null for none. */
  public void replace(PasswordFile next) {
    passwords = next;
  }

  /**
   * Checks a device's credentials. An expensive hash (a password file made with a high {@code -I})
   * is computed on a worker thread, at most {@link #MAX_PENDING_CHECKS} at once.
   *
   * @param username       MQTT username, or null when the device sent none
   * @param password       MQTT password, or null
   * @param allowAnonymous whether the listener the device came in on admits anonymous devices
   */
  public Future<Authentication> authenticate(Vertx vertx, String username, String password,
      boolean allowAnonymous) {
    PasswordFile current = passwords;
    if (username == null || password == null || current == null
        || current.maxIterations() <= CHEAP_ITERATIONS) {
      // cheap enough (Mosquitto's default of 101 iterations costs tens of microseconds): answer at once,
      // so a device that sends packets right behind its CONNECT is served in order
      return Future.succeededFuture(decide(current, username, password, allowAnonymous));
    }
    if (pendingChecks >= MAX_PENDING_CHECKS) {
      return Future.failedFuture(new Busy());
    }
    pendingChecks++;
    return vertx.executeBlocking(() -> decide(current, username, password, allowAnonymous), false)
        .andThen(ar -> pendingChecks--);
  }

  /** Slow password checks waiting or running; confined to the broker's event loop. */
  public int pendingChecks() {
    return pendingChecks;
  }

  /** Too many slow password checks at once: the device is told the server is busy. */
  public static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Busy() {
      super("too many password checks in progress", null, false, false);
    }
  }

  private static Authentication decide(PasswordFile passwords, String username, String password,
      boolean allowAnonymous) {
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
