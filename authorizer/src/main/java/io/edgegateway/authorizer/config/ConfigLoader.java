package io.edgegateway.authorizer.config;

import io.edgegateway.authorizer.policy.Grants;
import io.edgegateway.authorizer.policy.PolicySettings;
import io.edgegateway.authorizer.policy.ResourceScope;
import io.edgegateway.authorizer.policy.ResourceTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@link AuthorizerConfig} from the Lambda environment variables. Each name, default and meaning
 * is in authorizer/README.md; a missing or malformed value is a {@link ConfigException} naming it.
 */
public final class ConfigLoader {
  public static final String COGNITO_USER_POOL_ID = "COGNITO_USER_POOL_ID";
  public static final String COGNITO_CLIENT_ID = "COGNITO_CLIENT_ID";
  public static final String COGNITO_CLIENT_SECRET = "COGNITO_CLIENT_SECRET";
  public static final String COGNITO_ENDPOINT = "COGNITO_ENDPOINT";
  public static final String COGNITO_REGION = "COGNITO_REGION";
  public static final String COGNITO_TIMEOUT_MILLIS = "COGNITO_TIMEOUT_MILLIS";
  public static final String TOKEN_ISSUER = "TOKEN_ISSUER";
  public static final String TOKEN_JWKS_URL = "TOKEN_JWKS_URL";
  public static final String TOKEN_USE = "TOKEN_USE";
  public static final String AWS_REGION = "AWS_REGION";
  public static final String AWS_ACCOUNT_ID = "AWS_ACCOUNT_ID";
  public static final String AWS_PARTITION = "AWS_PARTITION";
  public static final String AUTH_MODES = "AUTH_MODES";
  public static final String POLICY_CLIENT_IDS = "POLICY_CLIENT_IDS";
  public static final String POLICY_PUBLISH_TOPICS = "POLICY_PUBLISH_TOPICS";
  public static final String POLICY_RECEIVE_TOPICS = "POLICY_RECEIVE_TOPICS";
  public static final String POLICY_SUBSCRIBE_FILTERS = "POLICY_SUBSCRIBE_FILTERS";
  public static final String POLICY_RETAIN_PUBLISH_TOPICS = "POLICY_RETAIN_PUBLISH_TOPICS";
  public static final String POLICY_GROUP_GRANTS = "POLICY_GROUP_GRANTS";
  public static final String DISCONNECT_AFTER_SECONDS = "DISCONNECT_AFTER_SECONDS";
  public static final String REFRESH_AFTER_SECONDS = "REFRESH_AFTER_SECONDS";

  /** Every variable this authorizer reads. */
  public static final List<String> VARIABLES = List.of(COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID,
      COGNITO_CLIENT_SECRET, COGNITO_ENDPOINT, COGNITO_REGION, COGNITO_TIMEOUT_MILLIS, TOKEN_ISSUER,
      TOKEN_JWKS_URL, TOKEN_USE, AWS_REGION, AWS_ACCOUNT_ID, AWS_PARTITION, AUTH_MODES, POLICY_CLIENT_IDS,
      POLICY_PUBLISH_TOPICS, POLICY_RECEIVE_TOPICS, POLICY_SUBSCRIBE_FILTERS, POLICY_RETAIN_PUBLISH_TOPICS,
      POLICY_GROUP_GRANTS, DISCONNECT_AFTER_SECONDS, REFRESH_AFTER_SECONDS);

  public static final int DEFAULT_COGNITO_TIMEOUT_MILLIS = 2000;
  public static final int MAX_COGNITO_TIMEOUT_MILLIS = 4000;
  public static final int MIN_INTERVAL_SECONDS = 300;
  public static final int MAX_INTERVAL_SECONDS = 86_400;
  public static final int DEFAULT_DISCONNECT_AFTER_SECONDS = 86_400;
  public static final int DEFAULT_REFRESH_AFTER_SECONDS = 3_600;
  public static final List<String> DEFAULT_CLIENT_IDS = List.of("${username}");
  public static final List<String> DEFAULT_PUBLISH_TOPICS = List.of("dt/${username}/*");
  public static final List<String> DEFAULT_RECEIVE_TOPICS = List.of("cmd/${username}/*");
  public static final List<String> DEFAULT_SUBSCRIBE_FILTERS = List.of("cmd/${username}/*");

  /** Cognito's own patterns for these ids. */
  private static final Pattern USER_POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
  private static final Pattern CLIENT_ID = Pattern.compile("[\\w+]{1,128}");

  private ConfigLoader() {
  }

  public static AuthorizerConfig load(Map<String, String> environment) throws ConfigException {
    EnvReader env = new EnvReader(environment);
    String userPoolId = env.required(COGNITO_USER_POOL_ID);
    if (userPoolId.length() > 55 || !USER_POOL_ID.matcher(userPoolId).matches()) {
      throw new ConfigException(COGNITO_USER_POOL_ID + " is not a user pool id (like eu-west-1_AbC123): '"
          + userPoolId + "'");
    }
    String clientId = env.required(COGNITO_CLIENT_ID);
    if (!CLIENT_ID.matcher(clientId).matches()) {
      throw new ConfigException(COGNITO_CLIENT_ID + " is not an app client id: '" + clientId + "'");
    }
    Optional<String> clientSecret = env.optional(COGNITO_CLIENT_SECRET);

    String region = env.required(AWS_REGION);
    if (!ResourceScope.isRegion(region)) {
      throw new ConfigException(AWS_REGION + " is not a Region (like eu-west-1): '" + region + "'");
    }
    Optional<String> account = env.optional(AWS_ACCOUNT_ID);
    if (account.isPresent() && !ResourceScope.isAccount(account.get())) {
      throw new ConfigException(AWS_ACCOUNT_ID + " must be 12 digits, not '" + account.get() + "'");
    }
    Optional<String> partition = env.optional(AWS_PARTITION);
    if (partition.isPresent() && !ResourceScope.isPartition(partition.get())) {
      throw new ConfigException(AWS_PARTITION + " is not a partition (aws, aws-cn, aws-us-gov): '"
          + partition.get() + "'");
    }

    Optional<String> endpointText = env.optional(COGNITO_ENDPOINT)
        .map(e -> e.endsWith("/") ? e.substring(0, e.length() - 1) : e);
    Optional<URI> endpoint = endpointText.isEmpty() ? Optional.empty()
        : Optional.of(httpUrl(COGNITO_ENDPOINT, endpointText.get(), true));
    String cognitoRegion = cognitoRegion(env, userPoolId, region);
    int timeoutMillis = env.intInRange(COGNITO_TIMEOUT_MILLIS, DEFAULT_COGNITO_TIMEOUT_MILLIS, 100,
        MAX_COGNITO_TIMEOUT_MILLIS);

    String issuer = env.optional(TOKEN_ISSUER).orElseGet(() -> endpoint
        .map(e -> e + "/" + userPoolId)
        .orElse("https://cognito-idp." + cognitoRegion + ".amazonaws.com/" + userPoolId));
    URI jwksUrl = httpUrl(TOKEN_JWKS_URL,
        env.optional(TOKEN_JWKS_URL).orElse(issuer + "/.well-known/jwks.json"), false);
    Set<String> tokenUses = new LinkedHashSet<>(env.list(TOKEN_USE, List.of("id", "access")));
    if (tokenUses.isEmpty() || !Set.of("id", "access").containsAll(tokenUses)) {
      throw new ConfigException(TOKEN_USE + " must list id, access or both, not '"
          + String.join(",", tokenUses) + "'");
    }

    Set<AuthMode> modes = modes(env);
    PolicySettings policy = policy(env);
    int disconnectAfter = env.intInRange(DISCONNECT_AFTER_SECONDS, DEFAULT_DISCONNECT_AFTER_SECONDS,
        MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS);
    int refreshAfter = env.intInRange(REFRESH_AFTER_SECONDS, DEFAULT_REFRESH_AFTER_SECONDS,
        MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS);

    return new AuthorizerConfig(userPoolId, clientId, clientSecret, endpoint, cognitoRegion,
        Duration.ofMillis(timeoutMillis), issuer, jwksUrl, tokenUses, region, account, partition, modes,
        policy, disconnectAfter, refreshAfter);
  }

  /** COGNITO_REGION, else the Region a real pool id starts with, else the function's Region. */
  private static String cognitoRegion(EnvReader env, String userPoolId, String region) throws ConfigException {
    Optional<String> configured = env.optional(COGNITO_REGION);
    if (configured.isPresent()) {
      if (!ResourceScope.isRegion(configured.get())) {
        throw new ConfigException(COGNITO_REGION + " is not a Region: '" + configured.get() + "'");
      }
      return configured.get();
    }
    String prefix = userPoolId.substring(0, userPoolId.lastIndexOf('_'));
    return ResourceScope.isRegion(prefix) ? prefix : region;
  }

  private static Set<AuthMode> modes(EnvReader env) throws ConfigException {
    Set<AuthMode> modes = EnumSet.noneOf(AuthMode.class);
    for (String mode : env.list(AUTH_MODES, List.of(AuthMode.PASSWORD.code()))) {
      switch (mode) {
        case "password" -> modes.add(AuthMode.PASSWORD);
        case "token" -> modes.add(AuthMode.TOKEN);
        default -> throw new ConfigException(AUTH_MODES + " must be password, token or password,token; '"
            + mode + "' is neither");
      }
    }
    if (modes.isEmpty()) {
      throw new ConfigException(AUTH_MODES + " must enable password, token or both");
    }
    return modes;
  }

  private static PolicySettings policy(EnvReader env) throws ConfigException {
    List<ResourceTemplate> clientIds = templates(env, POLICY_CLIENT_IDS, DEFAULT_CLIENT_IDS);
    if (clientIds.isEmpty()) {
      throw new ConfigException(POLICY_CLIENT_IDS + " must allow at least one client id");
    }
    Grants base = new Grants(clientIds,
        templates(env, POLICY_PUBLISH_TOPICS, DEFAULT_PUBLISH_TOPICS),
        templates(env, POLICY_RECEIVE_TOPICS, DEFAULT_RECEIVE_TOPICS),
        templates(env, POLICY_SUBSCRIBE_FILTERS, DEFAULT_SUBSCRIBE_FILTERS),
        templates(env, POLICY_RETAIN_PUBLISH_TOPICS, List.of()));
    Optional<String> groupGrants = env.optional(POLICY_GROUP_GRANTS);
    return new PolicySettings(base,
        groupGrants.isEmpty() ? Map.of() : GroupGrantsParser.parse(POLICY_GROUP_GRANTS, groupGrants.get()));
  }

  private static List<ResourceTemplate> templates(EnvReader env, String name, List<String> defaults)
      throws ConfigException {
    List<ResourceTemplate> templates = new ArrayList<>();
    for (String text : env.list(name, defaults)) {
      try {
        templates.add(ResourceTemplate.of(text));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name + ": " + e.getMessage());
      }
    }
    return templates;
  }

  private static URI httpUrl(String name, String value, boolean originOnly) throws ConfigException {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException(name + " is not a URL: '" + value + "'");
    }
    boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null || (originOnly && !uri.getRawPath().isEmpty())) {
      throw new ConfigException(name + " must be an http(s) URL" + (originOnly ? " with no path" : "")
          + ", not '" + value + "'");
    }
    return uri;
  }
}
