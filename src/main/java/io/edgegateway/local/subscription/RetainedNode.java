package io.edgegateway.local.subscription;

import java.util.function.Consumer;

/**
 * One level of a {@link RetainedStore}. The path from the root spells a topic name; {@code value} is the
 * message retained on exactly that topic, or null when the node only leads to deeper topics.
 */
final class RetainedNode<V> {

  final RetainedNode<V> parent;
  final String level;
  private LevelMap<RetainedNode<V>> children;
  V value;

  RetainedNode(RetainedNode<V> parent, String level) {
    this.parent = parent;
    this.level = level;
  }

  /** The child for level {@code source.substring(from, to)}, or null. */
  RetainedNode<V> child(String source, int from, int to) {
    return children == null ? null : children.get(source, from, to);
  }

  RetainedNode<V> childOrCreate(String source, int from, int to) {
    RetainedNode<V> child = child(source, from, to);
    if (child == null) {
      if (children == null) {
        children = new LevelMap<>();
      }
      child = new RetainedNode<>(this, source.substring(from, to));
      children.put(child.level, child);
    }
    return child;
  }

  void forEachChild(Consumer<RetainedNode<V>> action) {
    if (children != null) {
      children.forEachValue(action);
    }
  }

  void detach(RetainedNode<V> child) {
    children.remove(child.level);
    if (children.isEmpty()) {
      children = null;
    }
  }

  boolean isEmpty() {
    return value == null && children == null;
  }

  /** Whether this level starts with {@code $}: such a first level is hidden from root-level wildcards. */
  boolean isDollar() {
    return Topics.isDollarTopic(level);
  }
}
