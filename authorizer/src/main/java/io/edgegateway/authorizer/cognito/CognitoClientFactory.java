package io.edgegateway.authorizer.cognito;

import io.edgegateway.authorizer.config.AuthorizerConfig;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;

/**
 * Builds the one Cognito client of a function instance, for a fast cold start and a bounded call: an
 * explicit Region (no lookup chain), anonymous credentials (InitiateAuth is not signed, so no credential
 * chain either), the JDK's URLConnection as HTTP client, and no retries: one attempt that gives up after
 * the configured timeout, well inside IoT Core's 5 seconds. The request body is sent buffered rather than
 * streamed ({@link BufferedRequestBody}), which saves each call on a kept-alive connection more than a
 * millisecond.
 */
public final class CognitoClientFactory {
  private CognitoClientFactory() {
  }

  public static CognitoIdentityProviderClient create(AuthorizerConfig config) {
    Duration timeout = config.cognitoTimeout();
    return create(config, UrlConnectionHttpClient.builder()
        .connectionTimeout(timeout)
        .socketTimeout(timeout)
        .build());
  }

  /** With another HTTP client (tests). */
  static CognitoIdentityProviderClient create(AuthorizerConfig config, SdkHttpClient httpClient) {
    Duration timeout = config.cognitoTimeout();
    CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
        .region(Region.of(config.cognitoRegion()))
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .httpClient(httpClient)
        .overrideConfiguration(o -> o
            .apiCallTimeout(timeout)
            .apiCallAttemptTimeout(timeout)
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .addExecutionInterceptor(new BufferedRequestBody()));
    config.cognitoEndpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
