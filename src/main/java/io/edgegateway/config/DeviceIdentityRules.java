package io.edgegateway.config;

/**
 * The rules of {@code upstream.identity: device}, where each device signs in to IoT Core as itself: an
 * endpoint is required (there is nothing to sign in to without one), and the keys that describe the
 * gateway's own connections ({@code clientId}, {@code connections} other than 1) or its own identity
 * ({@code credentials.username} and the password keys, {@code auth.passwordFile}) must not be set,
 * because nothing would read them.
 */
final class DeviceIdentityRules {

  static final String MODE = "is not used with upstream.identity: device: ";
  static final String OWN_CREDENTIALS = "each device signs in with its own MQTT username and password";

  private DeviceIdentityRules() {
  }

  /** The rules on {@code upstream}'s own keys; the credentials' are {@link CredentialsReader}'s. */
  static void checkUpstream(ConfigSection upstream, String endpoint, int connections, ReadContext context) {
    if (endpoint == null && !upstream.failed("endpoint")) {
      context.problem(upstream.originOf("identity"), upstream.pathOf("endpoint"), "is required with "
          + "upstream.identity: device: each device signs in to IoT Core through it, and without it there is "
          + "nothing to sign in to");
    }
    notSet(upstream, "clientId", "each device reaches IoT Core under its own client id", context);
    if (connections != 1 || upstream.failed("connections")) {
      // 1, the default the shipped file shows, says nothing device identity would contradict
      notSet(upstream, "connections", "each device has its own connection (their number is bounded by "
          + "upstream.devices.maxConnections)", context);
    }
  }

  /** {@code credentials.username} and the password keys: the devices bring their own. */
  static void checkCredentials(ConfigSection credentials, ReadContext context) {
    for (String key : new String[] {"username", "passwordFile", "passwordEnv", "password"}) {
      notSet(credentials, key, OWN_CREDENTIALS, context);
    }
  }

  /** {@code auth.passwordFile}: devices are checked against Cognito, not against a password file. */
  static void checkAuth(ConfigSection auth, ReadContext context) {
    notSet(auth, "passwordFile", "devices are checked against Cognito (their MQTT username and password are "
        + "their Cognito credentials), not against a password file", context);
  }

  private static void notSet(ConfigSection section, String key, String reason, ReadContext context) {
    if (section.isSet(key) || section.failed(key)) {
      context.problem(section.originOf(key), section.pathOf(key), MODE + reason);
    }
  }
}
