package io.edgegateway.route;

import io.edgegateway.local.subscription.Topics;
import java.util.Optional;

/**
 * A compiled downlink rule: the gateway subscribes upstream to {@code filter}, and a message arriving on
 * a topic it matches goes to local subscribers of the topic the template renders from the upstream topic.
 *
 * @param index  position in the configuration, 0-based
 * @param filter the upstream topic filter, {@code ${gatewayId}} already substituted
 * @param topic  local topic template; {@code ${topic...}} is the upstream topic
 * @param qos    QoS of the upstream subscription and of the local delivery, 0 or 1
 */
public record DownlinkRule(int index, String filter, TopicTemplate topic, int qos) {

  /**
   * Compiles and checks a rule as configured, for the gateway's own connections: the filter, once
   * {@code ${gatewayId}} is substituted, is a valid MQTT filter within IoT Core's limits (it cannot name a
   * device: {@link DownlinkRuleTemplate} is the rule of {@code upstream.identity: device}); the template
   * parses, does not start with '$' (local '$' topics belong to the broker), and names no level that a
   * topic matching a wildcard-free filter cannot have.
   *
   * @throws RuleException naming the field ({@code filter}, {@code topic} or {@code qos})
   */
  public static DownlinkRule compile(int index, String filter, String topic, int qos, String gatewayId)
      throws RuleException {
    String upstreamFilter;
    try {
      upstreamFilter = TopicTemplate.downlinkFilter(filter, gatewayId);
    } catch (TemplateException e) {
      throw new RuleException("filter", e.getMessage() + deviceVariablesNote(filter, gatewayId));
    }
    return check(index, shown(filter, upstreamFilter), upstreamFilter, topic, qos, gatewayId);
  }

  /**
   * The checks of {@link #compile} once the filter is known.
   *
   * @param shown what to write before a problem of the filter: empty, or the filter as rendered in
   *              parentheses when it differs from the text written
   */
  static DownlinkRule check(int index, String shown, String upstreamFilter, String topic, int qos, String gatewayId)
      throws RuleException {
    String filterProblem = IotCoreLimits.filterProblem(upstreamFilter);
    if (filterProblem != null) {
      throw new RuleException("filter", shown + filterProblem);
    }
    if (qos < 0 || qos > 1) {
      throw new RuleException("qos", "must be 0 or 1 (IoT Core has no QoS 2)");
    }
    TopicTemplate template;
    try {
      template = TopicTemplate.downlinkTopic(topic, gatewayId);
    } catch (TemplateException e) {
      throw new RuleException("topic", e.getMessage());
    }
    if (template.leadingText().startsWith("$")) {
      throw new RuleException("topic", "starts with '$'; local topics starting with '$' belong to the broker");
    }
    int filterLevels = IotCoreLimits.slashes(upstreamFilter, 0) + 1;
    if (!upstreamFilter.endsWith("#") && template.levelsNeeded() > filterLevels) {
      throw new RuleException("topic", "needs " + template.levelsNeeded() + " levels of the upstream topic, but the "
          + "filter " + upstreamFilter + " matches only topics of " + filterLevels + " (levels count from 0)");
    }
    return new DownlinkRule(index, upstreamFilter, template, qos);
  }

  /** Whether this rule takes a message that arrived on {@code upstreamTopic}. */
  public boolean matches(String upstreamTopic) {
    return Topics.matches(filter, upstreamTopic);
  }

  /**
   * The local delivery of a message this rule matches, or why there is none: the template cannot be
   * rendered, or renders something that is not a valid local topic name, or a '$' topic.
   */
  public RenderResult localTopic(String upstreamTopic) {
    RenderResult result = topic.render(upstreamTopic);
    if (result instanceof RenderResult.Rendered r) {
      String local = r.topic();
      if (!Topics.isValidTopicName(local)) {
        return new RenderResult.Unrenderable("the local topic " + local + " is not a valid topic name");
      }
      if (local.charAt(0) == '$') {
        return new RenderResult.Unrenderable("the local topic " + local + " starts with '$'");
      }
    }
    return result;
  }

  /** {@link #localTopic} as an optional delivery. */
  Optional<LocalDelivery> delivery(String upstreamTopic) {
    return localTopic(upstreamTopic) instanceof RenderResult.Rendered r
        ? Optional.of(new LocalDelivery(r.topic(), qos, index))
        : Optional.empty();
  }

  static String shown(String written, String substituted) {
    return written.equals(substituted) ? "" : "(" + substituted + ") ";
  }

  /** Why a filter that names the device is refused here: only each device's own connection can use it. */
  private static String deviceVariablesNote(String filter, String gatewayId) {
    try {
      TopicTemplate.deviceDownlinkFilter(filter, gatewayId);
    } catch (TemplateException notTheReason) {
      return "";
    }
    return " (${clientId} and ${username} only with upstream.identity: device, where each device subscribes "
        + "on its own connection)";
  }
}
