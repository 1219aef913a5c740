package io.edgegateway.authorizer.event;

import java.util.Objects;

/** The decoded MQTT credentials: the username before any {@code ?}, and the password as text. */
public record MqttCredentials(String username, String password) {
  public MqttCredentials {
    Objects.requireNonNull(username);
    Objects.requireNonNull(password);
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "MqttCredentials[username=" + username + ", password=<redacted>]";
  }
}
