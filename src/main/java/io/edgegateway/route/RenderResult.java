package io.edgegateway.route;

/** What rendering a {@link TopicTemplate} gave: a topic, or why there is none. */
public sealed interface RenderResult {

  /** The rendered topic. */
  record Rendered(String topic) implements RenderResult {
  }

  /** The template cannot be rendered for this message; {@code reason} says why, for logs and reason strings. */
  record Unrenderable(String reason) implements RenderResult {
  }
}
