package io.edgegateway.authorizer;

import io.edgegateway.authorizer.identity.Identity;
import java.time.Duration;

/** Checks one kind of credential against Cognito and says who it belongs to, or denies. */
public interface CredentialVerifier {
  /**
   * @param username the decoded MQTT username (before the first {@code ?})
   * @param secret   the decoded MQTT password: a Cognito password or a Cognito token
   * @param timeout  how long the check may take in all
   */
  Identity verify(String username, String secret, Duration timeout) throws Denied;
}
