package io.edgegateway.config;

import io.edgegateway.route.IotCoreLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the {@code upstream} section. Every key is read whether or not an endpoint is set, so that its
 * value and environment variable are checked; the keys the link needs are required only with an endpoint.
 * With {@code identity: device} the rules of {@link DeviceIdentityRules} apply; the {@code devices}
 * section is read (and checked) in either identity, and used only with {@code device}.
 */
final class UpstreamReader {

  static final Pattern AUTHORIZER_NAME = Pattern.compile("[A-Za-z0-9_=,@-]{1,128}");
  static final int MAX_CONNECTIONS = 16;
  private static final List<String> IDENTITIES =
      Arrays.stream(UpstreamConfig.Identity.values()).map(UpstreamConfig.Identity::configName).toList();

  private UpstreamReader() {
  }

  static UpstreamConfig read(ConfigSection section, String gatewayId, ReadContext context) {
    SettingReader r = new SettingReader(section, context);
    UpstreamConfig.Identity identity = UpstreamConfig.Identity.valueOf(
        r.choice("identity", UpstreamConfig.Identity.GATEWAY.configName(), IDENTITIES).toUpperCase(Locale.ROOT));
    boolean perDevice = identity == UpstreamConfig.Identity.DEVICE;
    String endpoint = r.parsed("endpoint", null, UpstreamReader::endpoint);
    int port = r.integer("port", 443, 1, 65_535);
    Path caFile = r.pemFile("caFile", FileChecks.Pem.CERTIFICATE);
    String authorizerName = r.string("authorizerName", null, AUTHORIZER_NAME,
        "must be a custom authorizer name: 1 to 128 letters, digits or _=,@-");
    String clientId = r.parsed("clientId", null, UpstreamReader::clientId);
    int connections = r.integer("connections", 1, 1, MAX_CONNECTIONS);
    Duration keepAlive = r.duration("keepAlive", Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(20));
    int maxQueuedMessages = r.integer("maxQueuedMessages", 10_000, 1, 10_000_000);
    boolean enabled = endpoint != null || section.failed("endpoint");
    CredentialsConfig credentials = CredentialsReader.read(section.section("credentials"), enabled, perDevice,
        section.originOf("endpoint"), context);
    UpstreamConfig.QuotaConfig quota = quota(section.section("quota"), context);
    UpstreamConfig.ReconnectConfig reconnect = reconnect(section.section("reconnect"), context);
    UpstreamConfig.DevicesConfig devices = devices(section.section("devices"), context);
    if (perDevice) {
      DeviceIdentityRules.checkUpstream(section, endpoint, connections, context);
    } else if (clientId != null && connections > 1 && !section.failed("connections")) {
      checkSuffixedClientId(section, clientId, connections, context);
    }
    return new UpstreamConfig(endpoint, port, caFile, authorizerName, clientId == null ? gatewayId : clientId,
        connections, keepAlive, maxQueuedMessages, credentials, quota, reconnect, identity, devices);
  }

  /** {@code upstream.devices}: the devices' own connections, for {@code identity: device}. */
  private static UpstreamConfig.DevicesConfig devices(ConfigSection section, ReadContext context) {
    SettingReader r = new SettingReader(section, context);
    UpstreamConfig.DevicesConfig d = UpstreamConfig.DevicesConfig.DEFAULTS;
    return new UpstreamConfig.DevicesConfig(
        r.integer("maxConnections", d.maxConnections(), 1, 10_000),
        r.integer("connectsPerSecond", d.connectsPerSecond(), 1, 500),
        r.integer("signInsPerSecond", d.signInsPerSecond(), 1, 120),
        r.duration("connectTimeout", d.connectTimeout(), Duration.ofSeconds(1), Duration.ofSeconds(60)),
        r.duration("offlineAdmission", d.offlineAdmission(), Duration.ZERO, Duration.ofDays(365)));
  }

  /** A host name or address alone: no scheme, port or path (those have their own keys or none). */
  static String endpoint(String text) throws InvalidValueException {
    String host = text.strip();
    if (host.contains("://") || host.contains("/") || host.chars().filter(c -> c == ':').count() == 1) {
      throw InvalidValueException.malformed("must be the host name alone, such as "
          + "abc123example-ats.iot.eu-west-1.amazonaws.com, without a scheme, port or path (the port is upstream.port)");
    }
    return Hosts.check(host);
  }

  private static String clientId(String text) throws InvalidValueException {
    String problem = IotCoreLimits.clientIdProblem(text);
    if (problem != null) {
      throw InvalidValueException.malformed(problem);
    }
    return text;
  }

  private static void checkSuffixedClientId(ConfigSection section, String clientId, int connections,
      ReadContext context) {
    String longest = clientId + "-" + (connections - 1);
    String problem = IotCoreLimits.clientIdProblem(longest);
    if (problem != null) {
      context.problem(section.originOf("clientId"), section.pathOf("clientId"), "with " + connections
          + " connections the last one's client id is " + longest + ", which " + problem);
    }
  }

  private static UpstreamConfig.QuotaConfig quota(ConfigSection section, ReadContext context) {
    SettingReader r = new SettingReader(section, context);
    return new UpstreamConfig.QuotaConfig(
        r.integer("publishesPerSecond", 100, 1, 100),
        r.size("bytesPerSecond", 512 * LimitsReader.KIB, LimitsReader.KIB, 512 * LimitsReader.KIB),
        r.integer("maxInflight", 100, 1, 100));
  }

  private static UpstreamConfig.ReconnectConfig reconnect(ConfigSection section, ReadContext context) {
    SettingReader r = new SettingReader(section, context);
    Duration hour = Duration.ofHours(1);
    Duration minDelay = r.duration("minDelay", Duration.ofSeconds(1), Duration.ofSeconds(1), hour);
    Duration maxDelay = r.duration("maxDelay", Duration.ofMinutes(2), Duration.ofSeconds(1), hour);
    Duration deniedDelay = r.duration("deniedDelay", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1));
    if (maxDelay.compareTo(minDelay) < 0 && !section.failed("minDelay") && !section.failed("maxDelay")) {
      context.problem(section.originOf("maxDelay"), section.pathOf("maxDelay"), "must be at least minDelay ("
          + Durations.format(minDelay) + "), got " + Durations.format(maxDelay));
    }
    return new UpstreamConfig.ReconnectConfig(minDelay, maxDelay, deniedDelay);
  }
}
