package io.edgegateway.authorizer.config;

import io.edgegateway.authorizer.policy.PolicySettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The authorizer's configuration, read once from the Lambda environment by {@link ConfigLoader}.
 *
 * @param cognitoEndpoint   Cognito's endpoint when it is not the Region's (cognito-local in tests)
 * @param cognitoRegion     the user pool's Region (from its id), which may differ from the function's
 * @param tokenUses         which Cognito tokens token mode accepts: {@code id}, {@code access}
 * @param region            the IoT Region of the policy resources (the function's)
 * @param account           the IoT account, when configured; else the invoked function's
 * @param partition         the ARN partition, when configured; else the invoked function's, else {@code aws}
 */
public record AuthorizerConfig(
    String userPoolId,
    String clientId,
    Optional<String> clientSecret,
    Optional<URI> cognitoEndpoint,
    String cognitoRegion,
    Duration cognitoTimeout,
    String tokenIssuer,
    URI jwksUrl,
    Set<String> tokenUses,
    String region,
    Optional<String> account,
    Optional<String> partition,
    Set<AuthMode> modes,
    PolicySettings policy,
    int disconnectAfterSeconds,
    int refreshAfterSeconds) {

  public AuthorizerConfig {
    Objects.requireNonNull(userPoolId);
    Objects.requireNonNull(clientId);
    Objects.requireNonNull(clientSecret);
    Objects.requireNonNull(cognitoEndpoint);
    Objects.requireNonNull(cognitoRegion);
    Objects.requireNonNull(cognitoTimeout);
    Objects.requireNonNull(tokenIssuer);
    Objects.requireNonNull(jwksUrl);
    tokenUses = Set.copyOf(tokenUses);
    Objects.requireNonNull(region);
    Objects.requireNonNull(account);
    Objects.requireNonNull(partition);
    modes = Set.copyOf(modes);
    Objects.requireNonNull(policy);
  }

  /** Never shows the client secret. */
  @Override
  public String toString() {
    return "AuthorizerConfig[userPoolId=" + userPoolId + ", clientId=" + clientId
        + ", clientSecret=" + (clientSecret.isPresent() ? "<redacted>" : "none")
        + ", cognitoEndpoint=" + cognitoEndpoint + ", cognitoRegion=" + cognitoRegion
        + ", cognitoTimeout=" + cognitoTimeout + ", tokenIssuer=" + tokenIssuer + ", jwksUrl=" + jwksUrl
        + ", tokenUses=" + tokenUses + ", region=" + region + ", account=" + account
        + ", partition=" + partition + ", modes=" + modes + ", policy=" + policy
        + ", disconnectAfterSeconds=" + disconnectAfterSeconds
        + ", refreshAfterSeconds=" + refreshAfterSeconds + "]";
  }
}
