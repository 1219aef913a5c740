package io.edgegateway.authorizer.config;

import static io.edgegateway.authorizer.TestEnvironment.minimal;
import static io.edgegateway.authorizer.TestEnvironment.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.authorizer.TestEnvironment;
import io.edgegateway.authorizer.policy.Grants;
import io.edgegateway.authorizer.policy.ResourceTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

  @Test
  void minimalEnvironmentGivesTheDocumentedDefaults() throws ConfigException {
    AuthorizerConfig config = ConfigLoader.load(minimal());
    assertThat(config.userPoolId()).isEqualTo(TestEnvironment.POOL_ID);
    assertThat(config.clientId()).isEqualTo(TestEnvironment.CLIENT_ID);
    assertThat(config.clientSecret()).isEmpty();
    assertThat(config.cognitoEndpoint()).isEmpty();
    assertThat(config.cognitoRegion()).isEqualTo("eu-west-1");
    assertThat(config.cognitoTimeout()).isEqualTo(Duration.ofMillis(2000));
    assertThat(config.tokenIssuer()).isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/" + TestEnvironment.POOL_ID);
    assertThat(config.jwksUrl()).isEqualTo(URI.create(
        "https://cognito-idp.eu-west-1.amazonaws.com/" + TestEnvironment.POOL_ID + "/.well-known/jwks.json"));
    assertThat(config.tokenUses()).containsExactlyInAnyOrder("id", "access");
    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.account()).contains("123456789012");
    assertThat(config.partition()).isEmpty();
    assertThat(config.modes()).containsExactly(AuthMode.PASSWORD);
    Grants base = config.policy().base();
    assertThat(texts(base.clientIds())).containsExactly("${username}");
    assertThat(texts(base.publish())).containsExactly("dt/${username}/*");
    assertThat(texts(base.receive())).containsExactly("cmd/${username}/*");
    assertThat(texts(base.subscribe())).containsExactly("cmd/${username}/*");
    assertThat(base.retainPublish()).isEmpty();
    assertThat(config.policy().groupGrants()).isEmpty();
    assertThat(config.disconnectAfterSeconds()).isEqualTo(86_400);
    assertThat(config.refreshAfterSeconds()).isEqualTo(3_600);
  }

  @ParameterizedTest
  @ValueSource(strings = {"COGNITO_USER_POOL_ID", "COGNITO_CLIENT_ID", "AWS_REGION"})
  void requiredVariableMissingIsNamed(String variable) {
    assertConfigError(with(variable, null), variable + " is required");
    assertConfigError(with(variable, "   "), variable + " is required");
  }

  @Test
  void blankOptionalVariablesCountAsUnset() throws ConfigException {
    // SAM passes "" for an optional parameter left empty.
    AuthorizerConfig config = ConfigLoader.load(with("COGNITO_CLIENT_SECRET", "", "COGNITO_ENDPOINT", "",
        "AUTH_MODES", "", "POLICY_PUBLISH_TOPICS", "", "POLICY_GROUP_GRANTS", " ", "AWS_ACCOUNT_ID", ""));
    assertThat(config.clientSecret()).isEmpty();
    assertThat(config.cognitoEndpoint()).isEmpty();
    assertThat(config.modes()).containsExactly(AuthMode.PASSWORD);
    assertThat(texts(config.policy().base().publish())).containsExactly("dt/${username}/*");
    assertThat(config.account()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "COGNITO_USER_POOL_ID|eu-west-1-AbC|COGNITO_USER_POOL_ID is not a user pool id",
    "COGNITO_USER_POOL_ID|eu west_1|COGNITO_USER_POOL_ID is not a user pool id",
    "COGNITO_CLIENT_ID|abc-def|COGNITO_CLIENT_ID is not an app client id",
    "AWS_REGION|Europe|AWS_REGION is not a Region",
    "COGNITO_REGION|eu_west_1|COGNITO_REGION is not a Region",
    "AWS_ACCOUNT_ID|12345|AWS_ACCOUNT_ID must be 12 digits",
    "AWS_ACCOUNT_ID|12345678901a|AWS_ACCOUNT_ID must be 12 digits",
    "AWS_PARTITION|azure|AWS_PARTITION is not a partition",
    "COGNITO_ENDPOINT|ftp://127.0.0.1:9229|COGNITO_ENDPOINT must be an http(s) URL with no path",
    "COGNITO_ENDPOINT|http://127.0.0.1:9229/pool|COGNITO_ENDPOINT must be an http(s) URL with no path",
    "COGNITO_ENDPOINT|127.0.0.1:9229|COGNITO_ENDPOINT is not a URL: '127.0.0.1:9229'",
    "COGNITO_ENDPOINT|localhost:9229|COGNITO_ENDPOINT must be an http(s) URL",
    "COGNITO_ENDPOINT|http://[bad|COGNITO_ENDPOINT is not a URL",
    "TOKEN_JWKS_URL|file:///etc/jwks.json|TOKEN_JWKS_URL must be an http(s) URL",
    "COGNITO_TIMEOUT_MILLIS|fast|COGNITO_TIMEOUT_MILLIS must be a whole number from 100 to 4000",
    "COGNITO_TIMEOUT_MILLIS|99|COGNITO_TIMEOUT_MILLIS must be from 100 to 4000, not 99",
    "COGNITO_TIMEOUT_MILLIS|5000|COGNITO_TIMEOUT_MILLIS must be from 100 to 4000, not 5000",
    "DISCONNECT_AFTER_SECONDS|299|DISCONNECT_AFTER_SECONDS must be from 300 to 86400, not 299",
    "DISCONNECT_AFTER_SECONDS|86401|DISCONNECT_AFTER_SECONDS must be from 300 to 86400, not 86401",
    "REFRESH_AFTER_SECONDS|0|REFRESH_AFTER_SECONDS must be from 300 to 86400, not 0",
    "REFRESH_AFTER_SECONDS|1h|REFRESH_AFTER_SECONDS must be a whole number",
    "AUTH_MODES|ldap|AUTH_MODES must be password, token or password,token; 'ldap' is neither",
    "AUTH_MODES|none|AUTH_MODES must enable password, token or both",
    "AUTH_MODES|password,,token|AUTH_MODES has an empty entry",
    "TOKEN_USE|refresh|TOKEN_USE must list id, access or both",
    "TOKEN_USE|none|TOKEN_USE must list id, access or both",
    "POLICY_CLIENT_IDS|none|POLICY_CLIENT_IDS must allow at least one client id",
    "POLICY_CLIENT_IDS|${user}|POLICY_CLIENT_IDS: '${user}' has an unknown placeholder ${user}",
    "POLICY_PUBLISH_TOPICS|dt/${username|POLICY_PUBLISH_TOPICS: 'dt/${username' has an unclosed ${",
    "POLICY_PUBLISH_TOPICS|dt/${username}/${x|POLICY_PUBLISH_TOPICS: 'dt/${username}/${x' has an unclosed ${",
    "POLICY_RECEIVE_TOPICS|cmd/${username}/ x|POLICY_RECEIVE_TOPICS: 'cmd/${username}/ x' has a character that is not allowed",
    "POLICY_SUBSCRIBE_FILTERS|a\"b|POLICY_SUBSCRIBE_FILTERS: 'a\"b' has a character that is not allowed",
    "POLICY_RETAIN_PUBLISH_TOPICS|dt/ü|POLICY_RETAIN_PUBLISH_TOPICS: 'dt/ü' has a character that is not allowed",
    "POLICY_GROUP_GRANTS|admins|POLICY_GROUP_GRANTS is not a JSON object",
    "POLICY_GROUP_GRANTS|[]|POLICY_GROUP_GRANTS is not a JSON object",
    "POLICY_GROUP_GRANTS|{\"admins\":[]}|POLICY_GROUP_GRANTS group 'admins' must be an object",
    "POLICY_GROUP_GRANTS|{\"admins\":{\"publsh\":[\"x\"]}}|POLICY_GROUP_GRANTS group 'admins' has an unknown key 'publsh'",
    "POLICY_GROUP_GRANTS|{\"admins\":{\"publish\":\"x\"}}|POLICY_GROUP_GRANTS group 'admins': each grant must be a list of strings",
    "POLICY_GROUP_GRANTS|{\"admins\":{\"publish\":[1]}}|POLICY_GROUP_GRANTS group 'admins': each grant must be a list of strings",
    "POLICY_GROUP_GRANTS|{\"admins\":{\"publish\":[\"${who}\"]}}|POLICY_GROUP_GRANTS group 'admins': '${who}' has an unknown placeholder",
    "POLICY_GROUP_GRANTS|{\"\":{}}|POLICY_GROUP_GRANTS has an empty group name"})
  void malformedValueIsNamedWithWhatIsWrong(String variable, String value, String message) {
    assertConfigError(with(variable, value), message);
  }

  @Test
  void cognitoEndpointGivesTheIssuerAndJwksUrl() throws ConfigException {
    // cognito-local: iss = http://host:port/<poolId>, JWKS beside it.
    AuthorizerConfig config = ConfigLoader.load(with("COGNITO_USER_POOL_ID", "local_6eDGpWGI",
        "COGNITO_ENDPOINT", "http://127.0.0.1:9229/"));
    assertThat(config.cognitoEndpoint()).contains(URI.create("http://127.0.0.1:9229"));
    assertThat(config.tokenIssuer()).isEqualTo("http://127.0.0.1:9229/local_6eDGpWGI");
    assertThat(config.jwksUrl()).isEqualTo(URI.create("http://127.0.0.1:9229/local_6eDGpWGI/.well-known/jwks.json"));
    assertThat(config.cognitoRegion()).as("a pool id without a Region: the function's").isEqualTo("eu-west-1");
  }

  @Test
  void issuerAndJwksUrlCanBeSetOnTheirOwn() throws ConfigException {
    AuthorizerConfig config = ConfigLoader.load(with("TOKEN_ISSUER", "https://issuer.example/pool",
        "TOKEN_JWKS_URL", "https://keys.example/jwks.json"));
    assertThat(config.tokenIssuer()).isEqualTo("https://issuer.example/pool");
    assertThat(config.jwksUrl()).isEqualTo(URI.create("https://keys.example/jwks.json"));
    AuthorizerConfig issuerOnly = ConfigLoader.load(with("TOKEN_ISSUER", "https://issuer.example/pool"));
    assertThat(issuerOnly.jwksUrl()).isEqualTo(URI.create("https://issuer.example/pool/.well-known/jwks.json"));
  }

  @Test
  void cognitoRegionComesFromThePoolIdWhenItDiffersFromTheFunctions() throws ConfigException {
    AuthorizerConfig config = ConfigLoader.load(with("COGNITO_USER_POOL_ID", "us-east-1_Xyz987", "AWS_REGION", "eu-west-1"));
    assertThat(config.cognitoRegion()).isEqualTo("us-east-1");
    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.tokenIssuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Xyz987");
    assertThat(ConfigLoader.load(with("COGNITO_REGION", "ap-northeast-1")).cognitoRegion()).isEqualTo("ap-northeast-1");
  }

  @Test
  void everySettingCanBeChanged() throws ConfigException {
    AuthorizerConfig config = ConfigLoader.load(with(
        "COGNITO_CLIENT_SECRET", "s3cr3t",
        "COGNITO_TIMEOUT_MILLIS", "1500",
        "TOKEN_USE", "id",
        "AWS_PARTITION", "aws-cn",
        "AUTH_MODES", "password, token",
        "POLICY_CLIENT_IDS", "${username},${username}-*",
        "POLICY_PUBLISH_TOPICS", "dt/${username}/*,$aws/things/${username}/shadow/*",
        "POLICY_RECEIVE_TOPICS", "none",
        "POLICY_SUBSCRIBE_FILTERS", "cmd/${username}/#",
        "POLICY_RETAIN_PUBLISH_TOPICS", "dt/${username}/state",
        "POLICY_GROUP_GRANTS", "{\"fleet-admins\":{\"publish\":[\"fleet/*\"],\"subscribe\":[\"fleet/*\"]}}",
        "DISCONNECT_AFTER_SECONDS", "3600",
        "REFRESH_AFTER_SECONDS", "300"));
    assertThat(config.clientSecret()).contains("s3cr3t");
    assertThat(config.cognitoTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.tokenUses()).containsExactly("id");
    assertThat(config.partition()).contains("aws-cn");
    assertThat(config.modes()).containsExactlyInAnyOrder(AuthMode.PASSWORD, AuthMode.TOKEN);
    Grants base = config.policy().base();
    assertThat(texts(base.clientIds())).containsExactly("${username}", "${username}-*");
    assertThat(texts(base.publish())).containsExactly("dt/${username}/*", "$aws/things/${username}/shadow/*");
    assertThat(base.receive()).isEmpty();
    assertThat(texts(base.subscribe())).containsExactly("cmd/${username}/#");
    assertThat(texts(base.retainPublish())).containsExactly("dt/${username}/state");
    Map<String, Grants> groups = config.policy().groupGrants();
    assertThat(groups).containsOnlyKeys("fleet-admins");
    assertThat(texts(groups.get("fleet-admins").publish())).containsExactly("fleet/*");
    assertThat(texts(groups.get("fleet-admins").subscribe())).containsExactly("fleet/*");
    assertThat(groups.get("fleet-admins").receive()).isEmpty();
    assertThat(config.disconnectAfterSeconds()).isEqualTo(3600);
    assertThat(config.refreshAfterSeconds()).isEqualTo(300);
  }

  @Test
  void theClientSecretIsNeverPrinted() throws ConfigException {
    AuthorizerConfig config = ConfigLoader.load(with("COGNITO_CLIENT_SECRET", "s3cr3t-value"));
    assertThat(config.toString()).doesNotContain("s3cr3t-value").contains("clientSecret=<redacted>");
  }

  @Test
  void theListOfVariablesIsComplete() {
    assertThat(ConfigLoader.VARIABLES).doesNotHaveDuplicates().hasSize(21);
    assertThat(Set.copyOf(ConfigLoader.VARIABLES)).contains("AUTH_MODES", "COGNITO_ENDPOINT", "POLICY_GROUP_GRANTS");
  }

  private static List<String> texts(List<ResourceTemplate> templates) {
    return templates.stream().map(ResourceTemplate::text).toList();
  }

  private static void assertConfigError(Map<String, String> env, String message) {
    assertThatThrownBy(() -> ConfigLoader.load(env)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
  }

}
