package io.edgegateway.route;

/**
 * One piece of a compiled {@link TopicTemplate}: fixed text, a device's identity, or levels of the
 * topic. Rendering appends the piece to the output, or says why it cannot.
 */
interface TemplatePart {

  /** Appends this part; returns null, or why the part cannot be rendered for {@code input}. */
  String appendTo(StringBuilder out, TemplateInput input);

  /** Fixed text; {@code ${gatewayId}} becomes one when the template is compiled. */
  record Literal(String text) implements TemplatePart {
    @Override
    public String appendTo(StringBuilder out, TemplateInput input) {
      out.append(text);
      return null;
    }
  }

  /**
   * The publishing device's client id or username. The value must fit in one topic level: a value that
   * is empty or holds '/', '+', '#' or U+0000 is refused, so a device cannot reach another device's
   * topics or turn a topic name into a filter by choosing its own id.
   */
  record DeviceValue(TemplateVariable variable) implements TemplatePart {
    @Override
    public String appendTo(StringBuilder out, TemplateInput input) {
      boolean clientId = variable == TemplateVariable.CLIENT_ID;
      String value = clientId ? input.clientId() : input.username();
      String what = clientId ? "client id" : "username";
      if (value == null) {
        return clientId ? "the device has no client id" : "the device connected without a username (anonymously), "
            + "and the topic template uses ${username}";
      }
      if (value.isEmpty()) {
        return "the device's " + what + " is empty and cannot fill a topic level";
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '/' || c == '+' || c == '#' || c == 0) {
          return "the device's " + what + " contains " + (c == 0 ? "U+0000" : "'" + c + "'")
              + ", which cannot stand in one topic level";
        }
      }
      out.append(value);
      return null;
    }
  }

  /**
   * Levels {@code from} (inclusive) to {@code to} (exclusive; {@link #TO_LAST} for through the last)
   * of the topic, joined by '/'. {@code ${topic}} is {@code (0, TO_LAST)}, {@code ${topic[N]}} is
   * {@code (N, N + 1)}.
   */
  record Levels(int from, int to, String written) implements TemplatePart {
    static final int TO_LAST = -1;

    boolean wholeTopic() {
      return from == 0 && to == TO_LAST;
    }

    /** How many levels the topic needs for this part to render. */
    int levelsNeeded() {
      return to == TO_LAST ? from + 1 : to;
    }

    /** Slashes this part always produces (between the levels it joins). */
    int fixedSlashes() {
      return to == TO_LAST ? 0 : to - from - 1;
    }

    @Override
    public String appendTo(StringBuilder out, TemplateInput input) {
      String topic = input.topic();
      if (wholeTopic()) {
        out.append(topic);
        return null;
      }
      int levels = input.levelCount();
      if (levels < levelsNeeded()) {
        return "the topic " + topic + " has " + levels + (levels == 1 ? " level" : " levels") + ", and " + written
            + " needs " + levelsNeeded() + " (levels count from 0)";
      }
      int end = to == TO_LAST ? levels : to;
      out.append(topic, input.levelStart(from), input.levelEnd(end - 1));
      return null;
    }
  }
}
