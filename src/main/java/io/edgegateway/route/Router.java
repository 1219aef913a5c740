package io.edgegateway.route;

import io.edgegateway.message.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides where messages go between the local broker and IoT Core, by the forward and downlink rules in
 * their configured order: the first rule whose filter matches decides. Immutable and free of side
 * effects, so any thread may use it.
 *
 * <p>With {@code upstream.identity: device} each device subscribes upstream on its own connection, and a
 * downlink filter may name the device: {@link #perDevice} builds the router from the rules as templates,
 * and {@link #forDevice} gives each device's router, whose downlink rules and subscriptions are that
 * device's.
 */
public final class Router {

  private final ForwardRule[] forward;
  private final DownlinkRule[] downlink;
  private final List<UpstreamSubscription> subscriptions;
  /** The downlink rules as templates ({@code upstream.identity: device}), or null: no filter names a device. */
  private final List<DownlinkRuleTemplate> deviceDownlink;

  public Router(List<ForwardRule> forward, List<DownlinkRule> downlink) {
    this(forward, downlink, null);
  }

  private Router(List<ForwardRule> forward, List<DownlinkRule> downlink, List<DownlinkRuleTemplate> deviceDownlink) {
    this.forward = forward.toArray(ForwardRule[]::new);
    this.downlink = downlink.toArray(DownlinkRule[]::new);
    this.subscriptions = subscriptionsOf(downlink);
    this.deviceDownlink = deviceDownlink == null ? null : List.copyOf(deviceDownlink);
  }

  /** A router with no rules: everything stays local. */
  public static Router localOnly() {
    return new Router(List.of(), List.of());
  }

  /**
   * The router of {@code upstream.identity: device}. Its own downlink rules, and so its
   * {@link #upstreamSubscriptions()}, are those whose filter names no device (the same for every device);
   * {@link #forDevice} gives a device's full set.
   */
  public static Router perDevice(List<ForwardRule> forward, List<DownlinkRuleTemplate> downlink) {
    List<DownlinkRule> shared = new ArrayList<>();
    for (DownlinkRuleTemplate rule : downlink) {
      if (!rule.namesDevice()) {
        shared.add(rule.withFilter(rule.filter().leadingText()));
      }
    }
    return new Router(forward, shared, downlink);
  }

  /**
   * One device's routes: the router of {@code upstream.identity: device}'s device connections.
   *
   * @param router   the same forward rules, and the downlink rules with their filters rendered for the device
   * @param problems why rules were left out for this device, one line each (for the log), or none
   */
  public record DeviceRoutes(Router router, List<String> problems) {
    public DeviceRoutes {
      problems = List.copyOf(problems);
    }
  }

  /**
   * The routes of the device with {@code clientId} and {@code username} (null for none): the same forward
   * rules, and the downlink rules whose filters are rendered for it, so that the returned router's
   * {@link #upstreamSubscriptions()} are the subscriptions of the device's own connection and its
   * {@link #downlink} routes what arrives there. A rule whose filter cannot be rendered for the device
   * ({@link DownlinkRuleTemplate#filterFor}), or that would be a subscription beyond IoT Core's
   * {@value IotCoreLimits#MAX_SUBSCRIPTIONS_PER_CONNECTION} per connection, is left out, with the reason in
   * {@link DeviceRoutes#problems()}. A router whose filters name no device (gateway identity) is the same
   * for every device: it returns itself.
   */
  public DeviceRoutes forDevice(String clientId, String username) {
    if (deviceDownlink == null) {
      return new DeviceRoutes(this, List.of());
    }
    List<DownlinkRule> rules = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> filters = new HashSet<>();
    for (DownlinkRuleTemplate rule : deviceDownlink) {
      String left = "downlink[" + rule.index() + "] (filter " + rule.filter().text() + ") is left out for this "
          + "device: ";
      RenderResult result = rule.filterFor(clientId, username);
      if (result instanceof RenderResult.Unrenderable u) {
        problems.add(left + u.reason());
        continue;
      }
      String filter = ((RenderResult.Rendered) result).topic();
      if (!filters.contains(filter) && filters.size() == IotCoreLimits.MAX_SUBSCRIPTIONS_PER_CONNECTION) {
        problems.add(left + "the filter " + filter + " would be a subscription beyond IoT Core's "
            + IotCoreLimits.MAX_SUBSCRIPTIONS_PER_CONNECTION + " per connection");
        continue;
      }
      filters.add(filter);
      rules.add(rule.withFilter(filter));
    }
    return new DeviceRoutes(new Router(List.of(forward), rules, deviceDownlink), problems);
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
