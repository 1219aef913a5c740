package io.edgegateway.local.access;

import io.vertx.core.Future;

/**
 * Admits devices by their own upstream identity ({@code upstream.identity: device}): a device's MQTT
 * username and password are its Cognito credentials, and it is admitted when IoT Core accepts them on
 * the device's own connection, or, while IoT Core cannot be reached, on what it accepted before.
 */
public interface UpstreamAdmission {

  /**
   * Decides on a device's CONNECT. Completes on any thread; never fails (a fault is an outcome).
   *
   * @param clientId the device's client id, which is also its client id upstream
   * @param username its MQTT username: its Cognito username
   * @param password its MQTT password bytes
   */
  Future<Admission> admit(String clientId, String username, byte[] password);

  /**
   * The outcome of one CONNECT.
   *
   * @param verdict what was decided
   * @param detail  why, in words for the log (never a secret)
   * @param release to call once when the device's connection ends (admitted) or at once (refused): the
   *                device's upstream connection closes when nothing else needs it
   */
  record Admission(Verdict verdict, String detail, Runnable release) {

    public boolean admitted() {
      return verdict == Verdict.ONLINE || verdict == Verdict.OFFLINE;
    }
  }

  /** What was decided on a CONNECT. */
  enum Verdict {
    /** IoT Core accepted the device's credentials on its own connection. */
    ONLINE,
    /** IoT Core cannot be reached; the device was accepted before, and its cached verifier matches. */
    OFFLINE,
    /** The username or password is wrong. */
    BAD_CREDENTIALS,
    /** The identity may not connect (or not with this client id). */
    NOT_AUTHORIZED,
    /** The client id cannot be used upstream (too long for IoT Core, or starting with '$'). */
    CLIENT_ID_INVALID,
    /** IoT Core cannot be reached, and the device cannot be admitted without it. */
    UNAVAILABLE,
    /** Too many offline admissions are being checked at once: try again later. */
    BUSY,
    /** The gateway holds as many upstream connections as it may. */
    TOO_MANY,
    /** The gateway is stopping. */
    STOPPING
  }
}
