package io.edgegateway.config;

import io.edgegateway.route.IotCoreLimits;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code upstream.credentials}: the mode, the Cognito username and password, and in token mode the
 * app client ({@link CognitoReader}). With an endpoint, the username and a password are required, and
 * token mode requires the app client's Region and id. The {@code cognito} section is an error in
 * password mode, where nothing would read it. With {@code upstream.identity: device} the username and the
 * password keys must not be set (each device brings its own), while the mode and, in token mode, the app
 * client still apply: the gateway signs each device in with it.
 */
final class CredentialsReader {

  private static final List<String> MODES =
      Arrays.stream(CredentialsConfig.Mode.values()).map(CredentialsConfig.Mode::configName).toList();

  private CredentialsReader() {
  }

  /**
   * @param enabled   whether an endpoint is set (or was given wrongly): then the credentials are required
   * @param perDevice whether each device signs in with its own credentials ({@code upstream.identity: device})
   * @param enabledBy where the endpoint is set, for problems about keys the file does not have
   */
  static CredentialsConfig read(ConfigSection section, boolean enabled, boolean perDevice, Origin enabledBy,
      ReadContext context) {
    SettingReader r = new SettingReader(section, context);
    CredentialsConfig.Mode mode =
        CredentialsConfig.Mode.valueOf(r.choice("mode", "password", MODES).toUpperCase(Locale.ROOT));
    String username = null;
    Secret password = null;
    if (perDevice) {
      section.markSecret("password");
      DeviceIdentityRules.checkCredentials(section, context);
    } else {
      username = r.parsed("username", null, CredentialsReader::username);
      password = SecretReader.read(section, "password", "the Cognito password", context);
    }
    ConfigSection cognitoSection = section.section("cognito");
    CredentialsConfig.CognitoConfig cognito = CognitoReader.read(cognitoSection, context);
    boolean token = mode == CredentialsConfig.Mode.TOKEN;
    if (!token && cognitoSection.present() && !section.failed("mode") && !cognitoSection.rejected()) {
      context.problem(cognitoSection.origin(), cognitoSection.path(), "is used only in token mode, and "
          + section.pathOf("mode") + " is password; set mode: token, or remove this section");
    }
    Origin missing = section.present() ? section.origin() : enabledBy;
    if (enabled && token && !section.failed("mode")) {
      CognitoReader.requireForTokenMode(cognitoSection, missing, context);
    }
    if (enabled && !perDevice) {
      if (!section.isSet("username") && !section.failed("username")) {
        context.problem(missing, section.pathOf("username"), "is required when upstream.endpoint is set: "
            + "the Cognito username the gateway signs in with");
      }
      if (!SecretReader.given(section, "password")) {
        context.problem(missing, section.path(), "the Cognito password is required when upstream.endpoint is set: "
            + "set passwordFile, passwordEnv or password");
      }
    }
    return new CredentialsConfig(mode, username, password, token ? cognito : null);
  }

  /** A Cognito username the device SDK can send: 1 to 128 characters, no space, control character or '?'. */
  private static String username(String text) throws InvalidValueException {
    String problem = IotCoreLimits.usernameProblem(text);
    if (problem != null) {
      throw InvalidValueException.malformed(problem);
    }
    return text;
  }

}
