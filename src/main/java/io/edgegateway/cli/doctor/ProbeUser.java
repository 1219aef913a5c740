package io.edgegateway.cli.doctor;

import io.edgegateway.config.CredentialsConfig;
import io.edgegateway.config.Secret;
import java.util.Objects;

/**
 * Who the checks sign in as: the gateway's own Cognito user ({@code upstream.credentials}), or, with
 * {@code upstream.identity: device}, one device named on the command line. Every step uses these, in the
 * configured mode.
 *
 * @param username the Cognito username (and MQTT username)
 * @param password its password; never printed, only its {@link Secret#origin() origin}
 * @param device   whether this is a device's own identity rather than the gateway's
 */
public record ProbeUser(String username, Secret password, boolean device) {

  public ProbeUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  /** The gateway's own user, from {@code upstream.credentials}. */
  public static ProbeUser gateway(CredentialsConfig credentials) {
    return new ProbeUser(credentials.username(), credentials.password(), false);
  }

  /** A device's own user, named by {@code --device-user}. */
  public static ProbeUser device(String username, Secret password) {
    return new ProbeUser(username, password, true);
  }

  /** Where the username is set, for hints: the option or the configuration key. */
  String usernameSource() {
    return device ? "--device-user" : "credentials.username";
  }
}
