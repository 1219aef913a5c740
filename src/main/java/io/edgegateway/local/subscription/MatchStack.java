package io.edgegateway.local.subscription;

import java.util.Arrays;

/**
 * The explicit stack of a {@link SubscriptionTree} walk: pairs of (node, start of the topic's next level).
 * Explicit rather than recursive because a valid filter may have tens of thousands of levels; reused
 * between walks so that matching allocates nothing.
 */
final class MatchStack<V> {

  private static final int INITIAL_CAPACITY = 16;
  private static final int MAX_KEPT_CAPACITY = 256;

  private SubscriptionNode<?>[] nodes = new SubscriptionNode<?>[INITIAL_CAPACITY];
  private int[] starts = new int[INITIAL_CAPACITY];
  private int top;

  void push(SubscriptionNode<V> node, int start) {
    if (top == nodes.length) {
      nodes = Arrays.copyOf(nodes, top * 2);
      starts = Arrays.copyOf(starts, top * 2);
    }
    nodes[top] = node;
    starts[top] = start;
    top++;
  }

  boolean isEmpty() {
    return top == 0;
  }

  /** The start position of the entry {@link #pop()} will return. */
  int topStart() {
    return starts[top - 1];
  }

  @SuppressWarnings("unchecked")
  SubscriptionNode<V> pop() {
    top--;
    SubscriptionNode<V> node = (SubscriptionNode<V>) nodes[top];
    nodes[top] = null;
    return node;
  }

  /** Empties the stack, and lets go of the memory an unusually deep walk made it grow to. */
  void clear() {
    if (nodes.length > MAX_KEPT_CAPACITY) {
      nodes = new SubscriptionNode<?>[INITIAL_CAPACITY];
      starts = new int[INITIAL_CAPACITY];
    } else {
      Arrays.fill(nodes, 0, top, null);
    }
    top = 0;
  }
}
