package io.edgegateway.route;

import io.edgegateway.message.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides where messages go between the local broker and IoT Core, by the forward and downlink rules in
 * their configured order: the first rule whose filter matches decides. Immutable and free of side
 * effects, so any thread may use it.
 */
public final class Router {

  private final ForwardRule[] forward;
  private final DownlinkRule[] downlink;
  private final List<UpstreamSubscription> subscriptions;

  public Router(List<ForwardRule> forward, List<DownlinkRule> downlink) {
    this.forward = forward.toArray(ForwardRule[]::new);
    this.downlink = downlink.toArray(DownlinkRule[]::new);
    this.subscriptions = subscriptionsOf(downlink);
  }

  /** A router with no rules: everything stays local. */
  public static Router localOnly() {
    return new Router(List.of(), List.of());
  }

  /**
   * Routes a device's message upstream: {@link Route.Forward} by the first forward rule whose filter
   * matches its topic, {@link Route.Refuse} when that rule cannot forward it within IoT Core's limits,
   * {@link Route#LOCAL} when no rule matches.
   */
  public Route forward(Message message) {
    String topic = message.topic();
    for (ForwardRule rule : forward) {
      if (rule.matches(topic)) {
        return rule.route(message);
      }
    }
    return Route.LOCAL;
  }

  /**
   * Where a message from IoT Core on {@code upstreamTopic} goes locally: by the first downlink rule whose
   * filter matches; empty when none matches or that rule's template cannot be rendered for the topic.
   */
  public Optional<LocalDelivery> downlink(String upstreamTopic) {
    for (DownlinkRule rule : downlink) {
      if (rule.matches(upstreamTopic)) {
        return rule.delivery(upstreamTopic);
      }
    }
    return Optional.empty();
  }

  /** The upstream subscriptions of the downlink rules: each distinct filter once, in rule order. */
  public List<UpstreamSubscription> upstreamSubscriptions() {
    return subscriptions;
  }

  public List<ForwardRule> forwardRules() {
    return List.of(forward);
  }

  public List<DownlinkRule> downlinkRules() {
    return List.of(downlink);
  }

  private static List<UpstreamSubscription> subscriptionsOf(List<DownlinkRule> rules) {
    Map<String, Integer> qosByFilter = new LinkedHashMap<>();
    for (DownlinkRule rule : rules) {
      qosByFilter.merge(rule.filter(), rule.qos(), Math::max);
    }
    List<UpstreamSubscription> list = new ArrayList<>();
    qosByFilter.forEach((filter, qos) -> list.add(new UpstreamSubscription(filter, qos)));
    return List.copyOf(list);
  }
}
