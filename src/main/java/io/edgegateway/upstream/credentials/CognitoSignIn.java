package io.edgegateway.upstream.credentials;

import io.edgegateway.config.CredentialsConfig.CognitoConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

/**
 * Signs in to a Cognito user pool app client ({@code InitiateAuth} {@code USER_PASSWORD_AUTH}) and
 * refreshes tokens ({@code REFRESH_TOKEN_AUTH}). Blocking: call it from a worker thread. The calls need no
 * AWS credentials. A success with a challenge ({@code NEW_PASSWORD_REQUIRED}, MFA, ...) is not a login.
 */
final class CognitoSignIn implements AutoCloseable {

  /** HTTP status codes of Cognito errors that mean "these credentials are refused", not "try again". */
  private static final int BAD_REQUEST = 400;
  /**
   * Errors Cognito answers with 400 that pass: throttling the SDK does not flag as such, and a user-pool
   * Lambda trigger that failed or timed out.
   */
  private static final Set<String> PASSING = Set.of("TooManyRequestsException", "LimitExceededException",
      "UnexpectedLambdaException", "InternalErrorException");

  private final CognitoIdentityProviderClient client;
  private final CognitoConfig config;
  private final Clock clock;

  CognitoSignIn(CognitoConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
        .region(Region.of(config.region()))
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(10))
            .build());
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    this.client = builder.build();
  }

  CognitoTokens signIn(String username, String password) {
    Map<String, String> parameters = parameters(username);
    parameters.put("PASSWORD", password);
    return call(username, AuthFlowType.USER_PASSWORD_AUTH, parameters, null);
  }

  CognitoTokens refresh(String username, String refreshToken) {
    Map<String, String> parameters = parameters(username);
    parameters.put("REFRESH_TOKEN", refreshToken);
    return call(username, AuthFlowType.REFRESH_TOKEN_AUTH, parameters, refreshToken);
  }

  private Map<String, String> parameters(String username) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("USERNAME", username);
    if (config.clientSecret() != null) {
      parameters.put("SECRET_HASH", SecretHash.of(config.clientSecret().reveal(), username, config.clientId()));
    }
    return parameters;
  }

  private CognitoTokens call(String username, AuthFlowType flow, Map<String, String> parameters,
      String previousRefreshToken) {
    InitiateAuthResponse response;
    try {
      response = client.initiateAuth(b -> b.clientId(config.clientId()).authFlow(flow).authParameters(parameters));
    } catch (CognitoIdentityProviderException e) {
      String code = e.awsErrorDetails() == null ? "error" : e.awsErrorDetails().errorCode();
      if (e.statusCode() == BAD_REQUEST && !e.isThrottlingException() && !PASSING.contains(code)) {
        throw new CredentialsRefusedException("Cognito refused user " + username + " (" + code + ")");
      }
      throw new IllegalStateException("Cognito failed (" + code + ", HTTP " + e.statusCode() + ")");
    } catch (SdkException e) {
      throw new IllegalStateException("Cognito unreachable: " + e.getMessage());
    }
    AuthenticationResultType result = response.authenticationResult();
    if (response.challengeName() != null || result == null) {
      throw new CredentialsRefusedException(Denial.NOT_AUTHORIZED, "Cognito asks user " + username + " for "
          + response.challengeNameAsString() + ": that is not a sign-in; complete it for the user first");
    }
    String token = "access".equals(config.tokenUse()) ? result.accessToken() : result.idToken();
    if (token == null) {
      throw new CredentialsRefusedException(Denial.NOT_AUTHORIZED, "Cognito signed user " + username + " in without an "
          + config.tokenUse() + " token");
    }
    String refreshToken = result.refreshToken() != null ? result.refreshToken() : previousRefreshToken;
    return new CognitoTokens(token, refreshToken, expiry(token, result.expiresIn()));
  }

  /** When the token expires: its own {@code exp} claim, else the answer's ExpiresIn. */
  private Instant expiry(String token, Integer expiresIn) {
    Optional<Instant> claimed = JwtExpiry.of(token);
    if (claimed.isPresent()) {
      return claimed.get();
    }
    if (expiresIn != null) {
      return clock.instant().plusSeconds(expiresIn);
    }
    throw new IllegalStateException("Cognito's token carries no expiry");
  }

  @Override
  public void close() {
    client.close();
  }
}
