package io.edgegateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Reads {@code upstream.credentials.cognito}, the user pool's app client for token mode. */
final class CognitoReader {

  static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");
  static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_+]{1,128}");

  private CognitoReader() {
  }

  static CredentialsConfig.CognitoConfig read(ConfigSection section, ReadContext context) {
    SettingReader r = new SettingReader(section, context);
    String region = r.string("region", null, REGION, "must be an AWS Region, such as eu-west-1");
    String clientId = r.string("clientId", null, CLIENT_ID,
        "must be a Cognito app client id: 1 to 128 letters, digits, '_' or '+'");
    Secret clientSecret = SecretReader.read(section, "clientSecret", "the Cognito app client secret", context);
    URI endpoint = r.parsed("endpoint", null, CognitoReader::endpoint);
    String tokenUse = r.choice("tokenUse", "id", List.of("id", "access"));
    Duration refreshBefore = r.duration("refreshBefore", Duration.ofMinutes(5), Duration.ofSeconds(10),
        Duration.ofHours(12));
    return new CredentialsConfig.CognitoConfig(region, clientId, clientSecret, endpoint, tokenUse, refreshBefore);
  }

  /** Token mode signs in to a user pool: its Region and app client id are required. */
  static void requireForTokenMode(ConfigSection section, Origin missing, ReadContext context) {
    Origin at = section.present() ? section.origin() : missing;
    for (String key : List.of("region", "clientId")) {
      if (!section.isSet(key) && !section.failed(key)) {
        context.problem(at, section.pathOf(key), "is required in token mode");
      }
    }
  }

  private static URI endpoint(String text) throws InvalidValueException {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw InvalidValueException.malformed("must be an http or https URL, such as http://127.0.0.1:9229");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw InvalidValueException.malformed("must be an http or https URL, such as http://127.0.0.1:9229");
    }
    return uri;
  }
}
