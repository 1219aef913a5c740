package io.edgegateway.route;

/**
 * A downlink rule of {@code upstream.identity: device}, where each device subscribes upstream on its own
 * connection: the filter may name the device with {@code ${clientId}} and {@code ${username}}, and
 * {@link #filterFor} renders it for one device.
 *
 * @param index  position in the configuration, 0-based
 * @param filter the upstream topic filter template, {@code ${gatewayId}} already substituted
 * @param topic  local topic template; {@code ${topic...}} is the upstream topic
 * @param qos    QoS of the upstream subscription and of the local delivery, 0 or 1
 */
public record DownlinkRuleTemplate(int index, TopicTemplate filter, TopicTemplate topic, int qos) {

  /** What the device's values stand as when a rule is checked before any device is known. */
  static final String SAMPLE = "x";

  /**
   * Compiles and checks a rule as configured, with the checks of {@link DownlinkRule#compile}; those of
   * the filter apply to it as rendered for a device whose client id and username are one character each
   * (a longer value can still make it too long for one device, which {@link #filterFor} then reports).
   *
   * @throws RuleException naming the field ({@code filter}, {@code topic} or {@code qos})
   */
  public static DownlinkRuleTemplate compile(int index, String filter, String topic, int qos, String gatewayId)
      throws RuleException {
    TopicTemplate template;
    try {
      template = TopicTemplate.deviceDownlinkFilter(filter, gatewayId);
    } catch (TemplateException e) {
      throw new RuleException("filter", e.getMessage());
    }
    String sample = ((RenderResult.Rendered) template.render("", SAMPLE, SAMPLE)).topic();
    String shown = template.isConstant() ? DownlinkRule.shown(filter, sample)
        : "(" + sample + ", for a device whose client id and username are " + SAMPLE + ") ";
    DownlinkRule checked = DownlinkRule.check(index, shown, sample, topic, qos, gatewayId);
    return new DownlinkRuleTemplate(index, template, checked.topic(), qos);
  }

  /** Whether the filter names the device, so that devices subscribe to different filters. */
  public boolean namesDevice() {
    return !filter.isConstant();
  }

  /**
   * The filter for the device with {@code clientId} and {@code username} (null when it has none), or
   * why this device cannot have it: a value is empty or holds '/', '+', '#' or U+0000 (it would change
   * the filter's meaning), the rule uses {@code ${username}} and there is none, a value makes the filter
   * start with '$' (IoT Core's reserved topics), or the filter breaks IoT Core's limits.
   */
  public RenderResult filterFor(String clientId, String username) {
    RenderResult result = filter.render("", clientId, username);
    if (!(result instanceof RenderResult.Rendered rendered)) {
      return result;
    }
    String text = rendered.topic();
    if (text.startsWith("$") && !filter.leadingText().startsWith("$")) {
      return new RenderResult.Unrenderable("the filter " + text + " would start with '$', which names IoT Core's "
          + "reserved topics");
    }
    String problem = IotCoreLimits.filterProblem(text);
    return problem == null ? result : new RenderResult.Unrenderable("the filter " + text + " " + problem);
  }

  /** This rule with {@code filter}, one device's rendering of the template. */
  DownlinkRule withFilter(String renderedFilter) {
    return new DownlinkRule(index, renderedFilter, topic, qos);
  }
}
