package io.edgegateway.local.subscription;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Retained messages, one per topic, in a trie over topic levels, so that a new subscription finds the
 * retained messages its filter matches by walking only the matching branches instead of testing every
 * retained topic. Holds at most a fixed number of topics. Nodes that no longer lead to a message are
 * pruned.
 *
 * <p>Not thread-safe: meant to be owned by one event-loop thread.
 *
 * @param <V> the retained message, as the broker represents it
 */
public final class RetainedStore<V> {

  private final int maxTopics;
  private final RetainedNode<V> root = new RetainedNode<>(null, "");
  private int size;

  private record Frame<V>(RetainedNode<V> node, int start) {
  }

  /** @param maxTopics most topics retained at once; 0 retains nothing */
  public RetainedStore(int maxTopics) {
    if (maxTopics < 0) {
      throw new IllegalArgumentException("maxTopics must not be negative: " + maxTopics);
    }
    this.maxTopics = maxTopics;
  }

  /**
   * Retains {@code value} on {@code topic}, replacing what was retained there.
   *
   * @return false, leaving the store unchanged, when {@code topic} holds nothing yet and the store
   *         already holds {@code maxTopics} topics; replacing is always allowed
   * @throws IllegalArgumentException when {@code topic} is not a valid topic name
   */
  public boolean put(String topic, V value) {
    Objects.requireNonNull(value, "value");
    if (!Topics.isValidTopicName(topic)) {
      throw new IllegalArgumentException("invalid topic name '" + topic + "'");
    }
    RetainedNode<V> existing = find(topic);
    if (existing != null && existing.value != null) {
      existing.value = value;
      return true;
    }
    if (size >= maxTopics) {
      return false;
    }
    RetainedNode<V> node = root;
    int start = 0;
    while (start <= topic.length()) {
      int end = levelEnd(topic, start);
      node = node.childOrCreate(topic, start, end);
      start = end + 1;
    }
    node.value = value;
    size++;
    return true;
  }

  /** The message retained on {@code topic}, or null. */
  public V get(String topic) {
    RetainedNode<V> node = find(topic);
    return node == null ? null : node.value;
  }

  /** Forgets the message retained on {@code topic}; returns it, or null when there was none. */
  public V remove(String topic) {
    RetainedNode<V> node = find(topic);
    if (node == null || node.value == null) {
      return null;
    }
    V removed = node.value;
    node.value = null;
    size--;
    while (node != root && node.isEmpty()) {
      node.parent.detach(node);
      node = node.parent;
    }
    return removed;
  }

  /**
   * The messages retained on topics that the plain filter {@code filter} matches, in no particular
   * order; topics starting with {@code $} are not matched by a first level of {@code +} or {@code #}.
   * A shared subscription's {@code $share/<group>/} prefix must be stripped by the caller (MQTT 5 sends
   * no retained messages to shared subscriptions at all); here it would be taken literally.
   *
   * @throws IllegalArgumentException when {@code filter} is not a valid topic filter
   */
  public List<V> match(String filter) {
    if (!Topics.isValidTopicFilter(filter)) {
      throw new IllegalArgumentException("invalid topic filter '" + filter + "'");
    }
    List<V> found = new ArrayList<>();
    Deque<Frame<V>> stack = new ArrayDeque<>();
    stack.push(new Frame<>(root, 0));
    while (!stack.isEmpty()) {
      Frame<V> frame = stack.pop();
      RetainedNode<V> node = frame.node();
      int start = frame.start();
      if (start > filter.length()) {
        if (node.value != null) {
          found.add(node.value);
        }
        continue;
      }
      int end = levelEnd(filter, start);
      boolean single = end - start == 1;
      if (single && filter.charAt(start) == '#') {
        collectSubtree(node, found);
      } else if (single && filter.charAt(start) == '+') {
        node.forEachChild(child -> {
          if (node != root || !child.isDollar()) {
            stack.push(new Frame<>(child, end + 1));
          }
        });
      } else {
        RetainedNode<V> child = node.child(filter, start, end);
        if (child != null) {
          stack.push(new Frame<>(child, end + 1));
        }
      }
    }
    return found;
  }

  /** Number of topics holding a retained message. */
  public int size() {
    return size;
  }

  /** Number of nodes in the trie, the root included; for tests of pruning. */
  int nodeCount() {
    int count = 0;
    Deque<RetainedNode<V>> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      count++;
      pending.pop().forEachChild(pending::push);
    }
    return count;
  }

  /** Adds the value of {@code top} (a {@code #} matches its parent level) and of everything below it. */
  private void collectSubtree(RetainedNode<V> top, List<V> found) {
    Deque<RetainedNode<V>> pending = new ArrayDeque<>();
    pending.push(top);
    while (!pending.isEmpty()) {
      RetainedNode<V> node = pending.pop();
      if (node.value != null) {
        found.add(node.value);
      }
      node.forEachChild(child -> {
        if (node != root || !child.isDollar()) {
          pending.push(child);
        }
      });
    }
  }

  private RetainedNode<V> find(String topic) {
    RetainedNode<V> node = root;
    int start = 0;
    while (node != null && start <= topic.length()) {
      int end = levelEnd(topic, start);
      node = node.child(topic, start, end);
      start = end + 1;
    }
    return node;
  }

  private static int levelEnd(String s, int start) {
    int end = s.indexOf('/', start);
    return end < 0 ? s.length() : end;
  }
}
