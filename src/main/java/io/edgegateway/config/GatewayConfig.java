package io.edgegateway.config;

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
 * @param forward   forward rules in order: a message goes upstream by the first rule whose filter matches
 * @param downlink  downlink rules: upstream subscriptions and where their messages go locally
 */
public record GatewayConfig(
    String gatewayId,
    List<ListenerConfig> listeners,
    AuthConfig auth,
    LimitsConfig limits,
    SessionConfig sessions,
    LogConfig log,
    UpstreamConfig upstream,
    List<ForwardRuleConfig> forward,
    List<DownlinkRuleConfig> downlink) {

  public GatewayConfig {
    listeners = List.copyOf(listeners);
    forward = List.copyOf(forward);
    downlink = List.copyOf(downlink);
  }
}
