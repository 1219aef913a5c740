package io.edgegateway.authorizer.event;

import java.util.Objects;
import java.util.Optional;

/**
 * The parts of IoT Core's custom-authorizer event that this authorizer reads. Fields that the event
 * does not carry are empty. {@code mqtt} is empty for HTTP requests.
 */
public record AuthorizerEvent(Optional<String> connectionId, Optional<String> serverName, Optional<Mqtt> mqtt) {
  public AuthorizerEvent {
    Objects.requireNonNull(connectionId);
    Objects.requireNonNull(serverName);
    Objects.requireNonNull(mqtt);
  }

  /** {@code protocolData.mqtt} as sent: the username with its query string, the password in base64. */
  public record Mqtt(Optional<String> username, Optional<String> passwordBase64, Optional<String> clientId) {
    public Mqtt {
      Objects.requireNonNull(username);
      Objects.requireNonNull(passwordBase64);
      Objects.requireNonNull(clientId);
    }

    @Override
    public String toString() {
      return "Mqtt[username=" + username + ", password=" + (passwordBase64.isPresent() ? "<redacted>" : "none")
          + ", clientId=" + clientId + "]";
    }
  }
}
