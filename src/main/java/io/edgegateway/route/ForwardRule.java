package io.edgegateway.route;

import io.edgegateway.local.subscription.SharedFilter;
import io.edgegateway.local.subscription.Topics;
import io.edgegateway.message.Message;

/**
 * A compiled forward rule: messages whose local topic matches {@code filter} go upstream to the topic
 * the template renders, with the rule's QoS, under {@code $aws/rules/<basicIngestRule>/} when the rule
 * names an IoT rule for Basic Ingest.
 *
 * @param index           position in the configuration, 0-based
 * @param filter          local MQTT topic filter
 * @param topic           upstream topic template
 * @param qos             upstream QoS, 0 or 1
 * @param basicIngestRule IoT rule name, or null to publish through the message broker
 */
public record ForwardRule(int index, String filter, TopicTemplate topic, int qos, String basicIngestRule) {

  /**
   * Compiles and checks a rule as configured. Checks what can be known before any message: the filter
   * is a valid local filter; the template parses; its fixed text alone fits IoT Core's topic limits;
   * it cannot start with '$' other than as a Basic Ingest topic.
   *
   * @throws RuleException naming the field ({@code filter}, {@code topic}, {@code qos} or
   *                       {@code basicIngestRule}) and what is wrong
   */
  public static ForwardRule compile(int index, String filter, String topic, int qos, String basicIngestRule,
      String gatewayId) throws RuleException {
    if (!Topics.isValidTopicFilter(filter)) {
      throw new RuleException("filter", "is not a valid MQTT topic filter ('+' and '#' must stand alone in a "
          + "level, '#' only last; no U+0000, not empty)");
    }
    if (SharedFilter.isShared(filter)) {
      throw new RuleException("filter", "is a shared subscription; write the plain filter after $share/<group>/");
    }
    if (qos < 0 || qos > 1) {
      throw new RuleException("qos", "must be 0 or 1 (IoT Core has no QoS 2)");
    }
    if (basicIngestRule != null && !IotCoreLimits.isRuleName(basicIngestRule)) {
      throw new RuleException("basicIngestRule", "must be an IoT rule name: 1 to 128 letters, digits or '_'");
    }
    TopicTemplate template;
    try {
      template = TopicTemplate.forwardTopic(topic, gatewayId);
    } catch (TemplateException e) {
      throw new RuleException("topic", e.getMessage());
    }
    ForwardTemplateChecks.check(template, basicIngestRule);
    return new ForwardRule(index, filter, template, qos, basicIngestRule);
  }

  /** Whether this rule takes a message on the local topic {@code localTopic}. */
  public boolean matches(String localTopic) {
    return Topics.matches(filter, localTopic);
  }

  /** Routes a message this rule matches: forwards it, or refuses it when IoT Core would. */
  public Route route(Message message) {
    int size = message.payload().length();
    String payloadProblem = IotCoreLimits.payloadProblem(size);
    if (payloadProblem != null) {
      return new Route.Refuse(Route.QUOTA_EXCEEDED, "the payload " + payloadProblem, index);
    }
    RenderResult rendered = topic.render(message.topic(), message.clientId(), message.username());
    if (rendered instanceof RenderResult.Unrenderable u) {
      return new Route.Refuse(Route.TOPIC_NAME_INVALID, "no upstream topic: " + u.reason(), index);
    }
    String name = ((RenderResult.Rendered) rendered).topic();
    String upstream = basicIngestRule == null ? name : IotCoreLimits.basicIngestTopic(basicIngestRule, name);
    String topicProblem = IotCoreLimits.topicProblem(upstream);
    if (topicProblem == null && basicIngestRule != null && name.charAt(0) == '$') {
      topicProblem = "puts a '$' topic under the Basic Ingest prefix";
    }
    if (topicProblem != null) {
      return new Route.Refuse(Route.TOPIC_NAME_INVALID, "the upstream topic " + upstream + " " + topicProblem, index);
    }
    return new Route.Forward(upstream, message.payload(), qos, message.retain() && basicIngestRule == null,
        message.clientId(), index);
  }
}
