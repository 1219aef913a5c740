package io.edgegateway.config;

import java.util.List;
import java.util.regex.Pattern;

/** Reads the top level: {@code gatewayId} and each section, then applies the rules that span sections. */
final class GatewayConfigReader {

  static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  static final String DEFAULT_GATEWAY_ID = "edge-gateway";

  private GatewayConfigReader() {
  }

  static GatewayConfig read(ConfigSection root, ReadContext context) {
    String gatewayId = new SettingReader(root, context).string("gatewayId", DEFAULT_GATEWAY_ID, GATEWAY_ID,
        "must be 1 to 64 letters, digits, '_' or '-'");
    List<ListenerDraft> listeners = readListeners(root, context);
    ConfigSection authSection = root.section("auth");
    AuthConfig auth = AuthReader.read(authSection, context);
    LimitsConfig limits = LimitsReader.read(root.section("limits"), context);
    SessionConfig sessions = SessionsReader.read(root.section("sessions"), context);
    LogConfig log = LogReader.read(root.section("log"), context);
    ConfigSection upstreamSection = root.section("upstream");
    UpstreamConfig upstream = UpstreamReader.read(upstreamSection, gatewayId, context);
    if (upstream.perDevice()) {
      DeviceIdentityRules.checkAuth(authSection, context);
    }
    ListenerRules.check(listeners, authSection.isSet("passwordFile") || upstream.perDevice(), context);
    SpoolConfig spool = SpoolReader.read(root.section("spool"), context);
    String ruleGatewayId = root.failed("gatewayId") ? null : gatewayId;
    List<ForwardRuleConfig> forward = ForwardRulesReader.read(root, ruleGatewayId, context);
    List<DownlinkRuleConfig> downlink = DownlinkRulesReader.read(root, ruleGatewayId, upstream.perDevice(), context);
    OpsConfig ops = OpsReader.read(root.section("ops"), listeners, context);
    if (!upstream.enabled() && !upstreamSection.failed("endpoint")) {
      warnInactive(root, "forward", forward.size(), "forwards nothing", context);
      warnInactive(root, "downlink", downlink.size(), "subscribes to nothing upstream", context);
    }
    return new GatewayConfig(gatewayId, listeners.stream().map(ListenerDraft::config).toList(),
        auth, limits, sessions, log, upstream, spool, forward, downlink, ops);
  }

  private static void warnInactive(ConfigSection root, String key, int rules, String effect, ReadContext context) {
    if (rules > 0) {
      context.warn(root.writtenAt(key), key, (rules == 1 ? "the rule is" : "the " + rules + " rules are")
          + " inactive: upstream.endpoint is not set, so the gateway runs local only and " + effect);
    }
  }

  /** The listeners; when the key is absent, one listener with every default (tcp on 127.0.0.1:1883). */
  private static List<ListenerDraft> readListeners(ConfigSection root, ReadContext context) {
    List<ConfigSection> elements = root.list("listeners", 1);
    if (elements.isEmpty() && !root.failed("listeners")) {
      context.problem(root.writtenAt("listeners"), "listeners", "must list at least one listener");
    }
    return elements.stream().map(element -> ListenerReader.read(element, context)).toList();
  }
}
