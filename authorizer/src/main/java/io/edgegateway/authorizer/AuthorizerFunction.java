package io.edgegateway.authorizer;

import io.edgegateway.authorizer.cognito.InitiateAuthClient;
import io.edgegateway.authorizer.cognito.CognitoPasswordVerifier;
import io.edgegateway.authorizer.config.AuthMode;
import io.edgegateway.authorizer.config.AuthorizerConfig;
import io.edgegateway.authorizer.config.ConfigException;
import io.edgegateway.authorizer.config.ConfigLoader;
import io.edgegateway.authorizer.log.DecisionLog;
import io.edgegateway.authorizer.response.ResponseJson;
import io.edgegateway.authorizer.token.CognitoTokenVerifier;
import io.edgegateway.authorizer.token.HttpJwksSource;
import io.edgegateway.authorizer.token.JwksCache;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The function as Lambda, {@code invoke} and {@code serve} all run it: event bytes in, response bytes out,
 * one log line per decision. Whatever happens inside, the answer is a response, and a failure's
 * response is a denial.
 */
public final class AuthorizerFunction {
  private final Authorizer authorizer;
  private final DecisionLog log;

  public AuthorizerFunction(Authorizer authorizer, DecisionLog log) {
    this.authorizer = authorizer;
    this.log = log;
  }

  /**
   * Reads the configuration and builds what an instance keeps between invocations: the Cognito client
   * (password mode) and the JWKS cache (token mode). A configuration error is logged now, and every
   * invocation is then denied with reason {@code config_invalid}.
   */
  public static AuthorizerFunction fromEnvironment(Map<String, String> environment, DecisionLog log) {
    Clock clock = Clock.systemUTC();
    AuthorizerConfig config;
    try {
      config = ConfigLoader.load(environment);
    } catch (ConfigException e) {
      log.configError(e.getMessage());
      return new AuthorizerFunction(new MisconfiguredAuthorizer(e.getMessage()), log);
    }
    Optional<CredentialVerifier> password = config.modes().contains(AuthMode.PASSWORD)
        ? Optional.of(new CognitoPasswordVerifier(InitiateAuthClient.create(config), config.clientId(),
            config.clientSecret()))
        : Optional.empty();
    Optional<CredentialVerifier> token = config.modes().contains(AuthMode.TOKEN)
        ? Optional.of(new CognitoTokenVerifier(
            new JwksCache(new HttpJwksSource(config.jwksUrl()), clock, JwksCache.DEFAULT_MIN_REFRESH_INTERVAL),
            config.tokenIssuer(), config.clientId(), config.tokenUses(), clock))
        : Optional.empty();
    return new AuthorizerFunction(new CognitoAuthorizer(config, password, token, clock), log);
  }

  public byte[] apply(byte[] event, Invocation invocation) {
    long start = System.nanoTime();
    try {
      Decision decision = authorizer.decide(event, invocation);
      byte[] response = ResponseJson.toBytes(decision.response());
      log.decision(decision.record(), (System.nanoTime() - start) / 1_000_000);
      return response;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      log.info("internal_error", "denied after " + e.getClass().getName());
      return ResponseJson.DENY_JSON.getBytes(StandardCharsets.UTF_8);
    }
  }
}
