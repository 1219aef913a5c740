package io.edgegateway.config;

import io.edgegateway.route.DownlinkRule;
import io.edgegateway.route.DownlinkRuleTemplate;
import io.edgegateway.route.ForwardRule;
import io.edgegateway.route.Router;
import io.edgegateway.route.RuleException;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole, validated gateway configuration. Built only by {@link ConfigLoader}.
 *
 * @param gatewayId identifies this gateway (upstream client ids and topic templates use it)
 * @param listeners the device-facing MQTT listeners, at least one
 * @param auth      where device passwords and ACLs come from
 * @param limits    per-connection and global limits of the local broker
 * @param sessions  session, offline-queue and retained-message bounds
 * @param log       logging settings
 * @param upstream  the link to AWS IoT Core (disabled without an endpoint)
 * @param spool     where forwarded messages wait on disk for IoT Core (used only with an upstream)
 * @param forward   forward rules in order: a message goes upstream by the first rule whose filter matches
 * @param downlink  downlink rules: upstream subscriptions and where their messages go locally
 * @param ops       the health and metrics HTTP listener
 */
public record GatewayConfig(
    String gatewayId,
    List<ListenerConfig> listeners,
    AuthConfig auth,
    LimitsConfig limits,
    SessionConfig sessions,
    LogConfig log,
    UpstreamConfig upstream,
    SpoolConfig spool,
    List<ForwardRuleConfig> forward,
    List<DownlinkRuleConfig> downlink,
    OpsConfig ops) {

  public GatewayConfig {
    listeners = List.copyOf(listeners);
    forward = List.copyOf(forward);
    downlink = List.copyOf(downlink);
    ops = ops == null ? OpsConfig.NONE : ops;
  }

  /** A configuration without the HTTP listener ({@link OpsConfig#NONE}), as code that builds one needs. */
  public GatewayConfig(String gatewayId, List<ListenerConfig> listeners, AuthConfig auth, LimitsConfig limits,
      SessionConfig sessions, LogConfig log, UpstreamConfig upstream, SpoolConfig spool,
      List<ForwardRuleConfig> forward, List<DownlinkRuleConfig> downlink) {
    this(gatewayId, listeners, auth, limits, sessions, log, upstream, spool, forward, downlink, OpsConfig.NONE);
  }

  /** The same configuration with another HTTP listener. */
  public GatewayConfig withOps(OpsHttpConfig http) {
    return new GatewayConfig(gatewayId, listeners, auth, limits, sessions, log, upstream, spool, forward, downlink,
        new OpsConfig(http));
  }

  /**
   * The router of the forward and downlink rules, compiled (call once, at start-up). A local-only
   * gateway (no {@code upstream.endpoint}) gets a router without rules: nothing goes upstream. With
   * {@code upstream.identity: device} it is {@link Router#perDevice}: each device's routes come from
   * {@link Router#forDevice}.
   *
   * @throws IllegalStateException when a rule does not compile, which the loader rules out
   */
  public Router router() {
    if (upstream == null || !upstream.enabled()) {
      return Router.localOnly();
    }
    List<ForwardRule> forwardRules = new ArrayList<>();
    List<DownlinkRule> downlinkRules = new ArrayList<>();
    List<DownlinkRuleTemplate> deviceRules = new ArrayList<>();
    try {
      for (int i = 0; i < forward.size(); i++) {
        forwardRules.add(forward.get(i).compile(i, gatewayId));
      }
      for (int i = 0; i < downlink.size(); i++) {
        if (upstream.perDevice()) {
          deviceRules.add(downlink.get(i).compileForDevices(i, gatewayId));
        } else {
          downlinkRules.add(downlink.get(i).compile(i, gatewayId));
        }
      }
    } catch (RuleException e) {
      throw new IllegalStateException("invalid rule, " + e.field() + ": " + e.getMessage(), e);
    }
    return upstream.perDevice() ? Router.perDevice(forwardRules, deviceRules) : new Router(forwardRules, downlinkRules);
  }
}
