package io.edgegateway.route;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A topic written with variables, compiled once into parts so that rendering a message's topic is a
 * walk over the parts with no parsing and no regular expression.
 *
 * <p>Syntax: {@code ${gatewayId}}, {@code ${clientId}}, {@code ${username}}, {@code ${topic}} (the
 * whole topic), {@code ${topic[N]}} (level N, counted from 0), {@code ${topic[N:]}} (levels N to the
 * last, joined by '/'), {@code ${topic[N:M]}} (levels N to M - 1). Anything else is fixed text; there is
 * no escape, so {@code ${} always opens a variable. Which variables are allowed depends on the kind of
 * template (see the factory methods).
 *
 * <p>Rendering fails, rather than produce a surprising topic, when a level the template names does not
 * exist, when the device has no username, or when a client id or username could not stand in one topic
 * level (empty, or holding '/', '+', '#' or U+0000).
 */
public final class TopicTemplate {

  private final String text;
  private final TemplatePart[] parts;
  private final int fixedChars;

  private TopicTemplate(String text, List<TemplatePart> parts) {
    this.text = text;
    this.parts = parts.toArray(TemplatePart[]::new);
    this.fixedChars = parts.stream()
        .mapToInt(p -> p instanceof TemplatePart.Literal l ? l.text().length() : 0).sum();
  }

  /** An upstream topic for a forward rule: every variable; {@code ${topic...}} is the device's topic. */
  public static TopicTemplate forwardTopic(String text, String gatewayId) throws TemplateException {
    return compile(text, EnumSet.allOf(TemplateVariable.class), false, gatewayId);
  }

  /** A local topic for a downlink rule: {@code ${gatewayId}} and {@code ${topic...}}, the upstream topic. */
  public static TopicTemplate downlinkTopic(String text, String gatewayId) throws TemplateException {
    return compile(text, EnumSet.of(TemplateVariable.GATEWAY_ID, TemplateVariable.TOPIC), false, gatewayId);
  }

  /** An upstream topic filter for a downlink rule: only {@code ${gatewayId}}; returns the filter. */
  public static String downlinkFilter(String text, String gatewayId) throws TemplateException {
    List<TemplatePart> parts = TemplateParser.parse(text, EnumSet.of(TemplateVariable.GATEWAY_ID), true, gatewayId);
    if (parts.isEmpty()) {
      throw new TemplateException("is empty");
    }
    return ((TemplatePart.Literal) parts.get(0)).text();
  }

  /**
   * An upstream topic filter for a downlink rule of {@code upstream.identity: device}, where each device
   * subscribes on its own connection: {@code ${gatewayId}}, {@code ${clientId}} and {@code ${username}};
   * the wildcards '+' and '#' may appear in the fixed text. Render it with {@link #render(String, String,
   * String)} and an empty topic.
   */
  public static TopicTemplate deviceDownlinkFilter(String text, String gatewayId) throws TemplateException {
    return compile(text, EnumSet.of(TemplateVariable.GATEWAY_ID, TemplateVariable.CLIENT_ID,
        TemplateVariable.USERNAME), true, gatewayId);
  }

  /**
   * Compiles a template.
   *
   * @param allowed   the variables it may use
   * @param wildcards whether its fixed text may hold '+' and '#'
   * @param gatewayId what {@code ${gatewayId}} stands for
   */
  public static TopicTemplate compile(String text, Set<TemplateVariable> allowed, boolean wildcards, String gatewayId)
      throws TemplateException {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(gatewayId, "gatewayId");
    return new TopicTemplate(text, TemplateParser.parse(text, allowed, wildcards, gatewayId));
  }

  /** Renders for a message on {@code topic} from a device with {@code clientId} and {@code username} (or null). */
  public RenderResult render(String topic, String clientId, String username) {
    TemplateInput input = new TemplateInput(topic, clientId, username);
    StringBuilder out = new StringBuilder(fixedChars + topic.length() + 16);
    for (TemplatePart part : parts) {
      String failure = part.appendTo(out, input);
      if (failure != null) {
        return new RenderResult.Unrenderable(failure);
      }
    }
    return new RenderResult.Rendered(out.toString());
  }

  /** Renders from a topic alone (downlink templates, which name no device). */
  public RenderResult render(String topic) {
    return render(topic, null, null);
  }

  /** The template as written. */
  public String text() {
    return text;
  }

  /** The fixed text before the first variable ({@code ${gatewayId}} counts as fixed text). */
  public String leadingText() {
    return parts[0] instanceof TemplatePart.Literal l ? l.text() : "";
  }

  /** Whether every rendering is the same text: no variable other than {@code ${gatewayId}}. */
  public boolean isConstant() {
    return parts.length == 1 && parts[0] instanceof TemplatePart.Literal;
  }

  /** Whether the template uses {@code variable} ({@code ${gatewayId}} is resolved and never reported). */
  public boolean uses(TemplateVariable variable) {
    for (TemplatePart part : parts) {
      if (variable == TemplateVariable.TOPIC && part instanceof TemplatePart.Levels
          || part instanceof TemplatePart.DeviceValue d && d.variable() == variable) {
        return true;
      }
    }
    return false;
  }

  /** UTF-8 bytes every rendering has at least: the fixed text and the slashes between joined levels. */
  public int minimumUtf8Bytes() {
    int bytes = 0;
    for (TemplatePart part : parts) {
      if (part instanceof TemplatePart.Literal l) {
        bytes += IotCoreLimits.utf8Length(l.text(), 0);
      } else if (part instanceof TemplatePart.Levels levels) {
        bytes += levels.fixedSlashes();
      }
    }
    return bytes;
  }

  /** Slashes every rendering has at least: those of the fixed text and those between joined levels. */
  public int minimumSlashes() {
    int slashes = 0;
    for (TemplatePart part : parts) {
      if (part instanceof TemplatePart.Literal l) {
        slashes += IotCoreLimits.slashes(l.text(), 0);
      } else if (part instanceof TemplatePart.Levels levels) {
        slashes += levels.fixedSlashes();
      }
    }
    return slashes;
  }

  /** The fewest levels a topic must have for every {@code ${topic...}} of this template to render (0 if none). */
  public int levelsNeeded() {
    int needed = 0;
    for (TemplatePart part : parts) {
      if (part instanceof TemplatePart.Levels levels) {
        needed = Math.max(needed, levels.levelsNeeded());
      }
    }
    return needed;
  }

  @Override
  public String toString() {
    return text;
  }
}
