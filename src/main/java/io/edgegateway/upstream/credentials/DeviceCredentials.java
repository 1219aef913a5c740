package io.edgegateway.upstream.credentials;

import io.edgegateway.config.Secret;
import java.nio.charset.StandardCharsets;

/** Makes the credentials of one device's own upstream connection from the username and password it sent. */
public interface DeviceCredentials extends AutoCloseable {

  /** The credential source of a device's connection. Called on the link's context. */
  CredentialSource forDevice(String username, byte[] password);

  /** Releases what the sources share (a Cognito client); nothing by default. */
  @Override
  default void close() {
  }

  /** Password mode: the device's password goes to the authorizer, which checks it with Cognito. */
  static DeviceCredentials password() {
    return (username, password) -> new PasswordCredentials(username,
        new Secret("the device's MQTT password", new String(password, StandardCharsets.UTF_8)));
  }
}
