package io.edgegateway.local.subscription;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One level of a {@link SubscriptionTree}. The path from the root spells a plain topic filter; the node
 * holds the subscriptions to exactly that filter. Wildcard children are kept apart from literal ones, so
 * a topic level never has to be compared with {@code +} or {@code #}.
 */
final class SubscriptionNode<V> {

  final SubscriptionNode<V> parent;
  final String level;
  private LevelMap<SubscriptionNode<V>> literals;
  SubscriptionNode<V> plus;
  SubscriptionNode<V> hash;
  /** Non-shared subscriptions to this node's filter, by client id. */
  private Map<String, Subscription<V>> subscribers;
  /** Shared groups subscribed to this node's filter, by share name. */
  private Map<String, SharedGroup<V>> groups;

  SubscriptionNode(SubscriptionNode<V> parent, String level) {
    this.parent = parent;
    this.level = level;
  }

  /** The literal child for {@code source.substring(from, to)}, or null. */
  SubscriptionNode<V> literal(String source, int from, int to) {
    return literals == null ? null : literals.get(source, from, to);
  }

  /** The child for level {@code source.substring(from, to)}, created when missing. */
  SubscriptionNode<V> childOrCreate(String source, int from, int to) {
    if (to - from == 1) {
      char c = source.charAt(from);
      if (c == '+') {
        if (plus == null) {
          plus = new SubscriptionNode<>(this, "+");
        }
        return plus;
      }
      if (c == '#') {
        if (hash == null) {
          hash = new SubscriptionNode<>(this, "#");
        }
        return hash;
      }
    }
    SubscriptionNode<V> child = literal(source, from, to);
    if (child == null) {
      if (literals == null) {
        literals = new LevelMap<>();
      }
      child = new SubscriptionNode<>(this, source.substring(from, to));
      literals.put(child.level, child);
    }
    return child;
  }

  void detach(SubscriptionNode<V> child) {
    if (child == plus) {
      plus = null;
    } else if (child == hash) {
      hash = null;
    } else if (literals != null) {
      literals.remove(child.level);
      if (literals.isEmpty()) {
        literals = null;
      }
    }
  }

  Subscription<V> putSubscriber(Subscription<V> subscription) {
    if (subscribers == null) {
      subscribers = new HashMap<>(4);
    }
    return subscribers.put(subscription.clientId(), subscription);
  }

  Subscription<V> removeSubscriber(String clientId) {
    if (subscribers == null) {
      return null;
    }
    Subscription<V> removed = subscribers.remove(clientId);
    if (subscribers.isEmpty()) {
      subscribers = null;
    }
    return removed;
  }

  SharedGroup<V> groupOrCreate(String group, String filter) {
    if (groups == null) {
      groups = new HashMap<>(4);
    }
    return groups.computeIfAbsent(group, g -> new SharedGroup<>(g, filter));
  }

  void removeGroupIfEmpty(SharedGroup<V> group) {
    if (group.isEmpty() && groups != null) {
      groups.remove(group.group());
      if (groups.isEmpty()) {
        groups = null;
      }
    }
  }

  /** Hands every subscription held here to the consumers; allocates nothing. */
  void emit(Consumer<? super Subscription<V>> subscriptions, Consumer<? super SharedGroup<V>> sharedGroups) {
    if (subscribers != null) {
      subscribers.values().forEach(subscriptions);
    }
    if (groups != null) {
      groups.values().forEach(sharedGroups);
    }
  }

  boolean isEmpty() {
    return literals == null && plus == null && hash == null && subscribers == null && groups == null;
  }

  /** Number of nodes in this subtree, this one included. */
  int countNodes() {
    int[] count = {1};
    if (literals != null) {
      literals.forEachValue(child -> count[0] += child.countNodes());
    }
    if (plus != null) {
      count[0] += plus.countNodes();
    }
    if (hash != null) {
      count[0] += hash.countNodes();
    }
    return count[0];
  }
}
