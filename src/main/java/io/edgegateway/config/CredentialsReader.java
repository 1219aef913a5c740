package io.edgegateway.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code upstream.credentials}: the mode, the Cognito username and password, and in token mode the
 * app client ({@link CognitoReader}). With an endpoint, the username and a password are required, and
 * token mode requires the app client's Region and id. The {@code cognito} section is an error in
 * password mode, where nothing would read it.
 */
final class CredentialsReader {

  private static final List<String> MODES =
      Arrays.stream(CredentialsConfig.Mode.values()).map(CredentialsConfig.Mode::configName).toList();

  private CredentialsReader() {
  }

  /**
   * @param enabled   whether an endpoint is set (or was given wrongly): then the credentials are required
   * @param enabledBy where the endpoint is set, for problems about keys the file does not have
   */
  static CredentialsConfig read(ConfigSection section, boolean enabled, Origin enabledBy, ReadContext context) {
    SettingReader r = new SettingReader(section, context);
    CredentialsConfig.Mode mode =
        CredentialsConfig.Mode.valueOf(r.choice("mode", "password", MODES).toUpperCase(Locale.ROOT));
    String username = r.parsed("username", null, CredentialsReader::username);
    Secret password = SecretReader.read(section, "password", "the Cognito password", context);
    ConfigSection cognitoSection = section.section("cognito");
    CredentialsConfig.CognitoConfig cognito = CognitoReader.read(cognitoSection, context);
    boolean token = mode == CredentialsConfig.Mode.TOKEN;
    if (!token && cognitoSection.present() && !section.failed("mode") && !cognitoSection.rejected()) {
      context.problem(cognitoSection.origin(), cognitoSection.path(), "is used only in token mode, and "
          + section.pathOf("mode") + " is password; set mode: token, or remove this section");
    }
    if (enabled) {
      Origin missing = section.present() ? section.origin() : enabledBy;
      if (!section.isSet("username") && !section.failed("username")) {
        context.problem(missing, section.pathOf("username"), "is required when upstream.endpoint is set: "
            + "the Cognito username the gateway signs in with");
      }
      if (!SecretReader.given(section, "password")) {
        context.problem(missing, section.path(), "the Cognito password is required when upstream.endpoint is set: "
            + "set passwordFile, passwordEnv or password");
      }
      if (token && !section.failed("mode")) {
        CognitoReader.requireForTokenMode(cognitoSection, missing, context);
      }
    }
    return new CredentialsConfig(mode, username, password, token ? cognito : null);
  }

  /** A Cognito username the device SDK can send: 1 to 128 characters, no space, control character or '?'. */
  private static String username(String text) throws InvalidValueException {
    if (text.length() > 128 || text.isEmpty()) {
      throw InvalidValueException.malformed("must be 1 to 128 characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw InvalidValueException.malformed("must not contain spaces or control characters");
      }
      if (c == '?') {
        throw InvalidValueException.malformed("must not contain '?': the MQTT username carries the authorizer's "
            + "parameters after a '?', and the device SDK refuses a username holding one");
      }
    }
    return text;
  }
}
