package io.edgegateway.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns template text into {@link TemplatePart}s. {@code ${} opens a variable and the next '}' closes
 * it; any other text, a lone '$' included, is fixed text. {@code ${gatewayId}} becomes fixed text here.
 */
final class TemplateParser {

  /** Largest level number a template may name: topics with more levels than this are not plausible. */
  static final int MAX_LEVEL = 999;

  private final String text;
  private final Set<TemplateVariable> allowed;
  private final boolean wildcards;
  private final String gatewayId;
  private final List<TemplatePart> parts = new ArrayList<>();
  private final StringBuilder literal = new StringBuilder();

  private TemplateParser(String text, Set<TemplateVariable> allowed, boolean wildcards, String gatewayId) {
    this.text = text;
    this.allowed = allowed;
    this.wildcards = wildcards;
    this.gatewayId = gatewayId;
  }

  /**
   * @param wildcards whether the fixed text may hold '+' and '#' (a filter template) or not (a topic name)
   */
  static List<TemplatePart> parse(String text, Set<TemplateVariable> allowed, boolean wildcards, String gatewayId)
      throws TemplateException {
    if (text.isEmpty()) {
      throw new TemplateException("is empty");
    }
    return new TemplateParser(text, allowed, wildcards, gatewayId).parse();
  }

  private List<TemplatePart> parse() throws TemplateException {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw new TemplateException("\"${\" at character " + (i + 1) + " is not closed with '}'");
        }
        variable(text.substring(i + 2, close), i + 1);
        i = close + 1;
        continue;
      }
      if (c == 0) {
        throw new TemplateException("has U+0000 at character " + (i + 1) + "; topics cannot contain it");
      }
      if (!wildcards && (c == '+' || c == '#')) {
        throw new TemplateException("has '" + c + "' at character " + (i + 1)
            + "; a topic name cannot contain the wildcards '+' and '#'");
      }
      literal.append(c);
      i++;
    }
    flushLiteral();
    return List.copyOf(parts);
  }

  private void variable(String name, int position) throws TemplateException {
    String written = "${" + name + "}";
    TemplateVariable variable = switch (name) {
      case "gatewayId" -> TemplateVariable.GATEWAY_ID;
      case "clientId" -> TemplateVariable.CLIENT_ID;
      case "username" -> TemplateVariable.USERNAME;
      default -> name.equals("topic") || name.startsWith("topic[") ? TemplateVariable.TOPIC : null;
    };
    if (variable == null) {
      throw new TemplateException((name.isEmpty() ? "\"${}\" names no variable" : "unknown variable " + written)
          + " at character " + position + "; use " + allowedList());
    }
    if (!allowed.contains(variable)) {
      throw new TemplateException(written + " at character " + position + " cannot be used here; use "
          + allowedList());
    }
    switch (variable) {
      case GATEWAY_ID -> literal.append(gatewayId);
      case CLIENT_ID, USERNAME -> add(new TemplatePart.DeviceValue(variable));
      case TOPIC -> add(levels(name, written, position));
      default -> throw new IllegalStateException(variable.name());
    }
  }

  private TemplatePart.Levels levels(String name, String written, int position) throws TemplateException {
    if (name.equals("topic")) {
      return new TemplatePart.Levels(0, TemplatePart.Levels.TO_LAST, written);
    }
    String malformed = written + " at character " + position
        + ": write level numbers counted from 0, such as ${topic[1]}, ${topic[1:]} or ${topic[1:3]}";
    if (!name.endsWith("]")) {
      throw new TemplateException(malformed);
    }
    String inside = name.substring("topic[".length(), name.length() - 1);
    int colon = inside.indexOf(':');
    int from = level(colon < 0 ? inside : inside.substring(0, colon), malformed, written, position);
    if (colon < 0) {
      return new TemplatePart.Levels(from, from + 1, written);
    }
    String end = inside.substring(colon + 1);
    if (end.isEmpty()) {
      return new TemplatePart.Levels(from, TemplatePart.Levels.TO_LAST, written);
    }
    int to = level(end, malformed, written, position);
    if (to <= from) {
      throw new TemplateException(written + " at character " + position
          + " selects no level: the end (exclusive) must be greater than the start");
    }
    return new TemplatePart.Levels(from, to, written);
  }

  private static int level(String digits, String malformed, String written, int position) throws TemplateException {
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      throw new TemplateException(malformed);
    }
    int value = Integer.parseInt(digits);
    if (value > MAX_LEVEL) {
      throw new TemplateException(written + " at character " + position + ": level numbers go up to " + MAX_LEVEL);
    }
    return value;
  }

  private void add(TemplatePart part) {
    flushLiteral();
    parts.add(part);
  }

  private void flushLiteral() {
    if (literal.length() > 0) {
      parts.add(new TemplatePart.Literal(literal.toString()));
      literal.setLength(0);
    }
  }

  private String allowedList() {
    return allowed.stream().sorted().map(TemplateVariable::written).collect(Collectors.joining(", "));
  }
}
