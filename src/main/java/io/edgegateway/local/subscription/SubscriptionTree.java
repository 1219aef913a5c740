package io.edgegateway.local.subscription;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The broker's subscriptions, in a trie over topic-filter levels, answering "who receives a PUBLISH to
 * this topic". A subscription is identified by client id and filter as written (a re-SUBSCRIBE to the
 * same filter replaces it) and carries a value of the broker's choosing.
 *
 * <p>Shared subscriptions ({@code $share/<group>/<filter>}) are gathered into one {@link SharedGroup}
 * per share name and filter; a match reports the group, and the broker picks one member.
 *
 * <p>Matching costs one hash look-up of a topic level per visited node, and visits only the nodes whose
 * partial filter matches the topic's first levels (from each, at most its literal, {@code +} and
 * {@code #} children): O(L) for a topic of L levels when the filters along the way are literal, never
 * more than the number of nodes in the tree; plus O(1) per reported subscription or group. It creates
 * no substring and, through {@link #forEachMatch}, allocates nothing. Removal goes through a per-client
 * index and prunes nodes that no longer hold anything.
 *
 * <p>Not thread-safe: meant to be owned by one event-loop thread.
 *
 * @param <V> type of the value kept with each subscription
 */
public final class SubscriptionTree<V> {

  private final SubscriptionNode<V> root = new SubscriptionNode<>(null, "");
  /** clientId -> filter as written -> where that subscription lives. */
  private final Map<String, Map<String, Placement<V>>> byClient = new HashMap<>();
  private int size;
  /** A walk stack kept between matches; null while a match is using it. */
  private MatchStack<V> spareStack = new MatchStack<>();

  private record Placement<V>(SubscriptionNode<V> node, SharedGroup<V> group) {
  }

  /**
   * Adds or replaces the subscription of {@code clientId} to {@code filterAsWritten}.
   *
   * @param filterAsWritten a plain topic filter, or {@code $share/<group>/<filter>} for a shared one
   * @return the value it replaces, or null when the subscription is new
   * @throws IllegalArgumentException when the filter is not valid (see {@link Topics#isValidSubscription});
   *                                  the tree is then unchanged
   */
  public V put(String clientId, String filterAsWritten, V value) {
    Subscription<V> subscription = new Subscription<>(clientId, filterAsWritten, value);
    Map<String, Placement<V>> own = byClient.get(clientId);
    Placement<V> existing = own == null ? null : own.get(filterAsWritten);
    if (existing != null) {
      Subscription<V> replaced = existing.group() != null
          ? existing.group().put(subscription)
          : existing.node().putSubscriber(subscription);
      return replaced.value();
    }
    Optional<SharedFilter> shared = SharedFilter.parse(filterAsWritten);
    String filter = shared.map(SharedFilter::filter).orElse(filterAsWritten);
    if (shared.isEmpty() && !Topics.isValidTopicFilter(filter)) {
      throw new IllegalArgumentException("invalid topic filter '" + filterAsWritten + "'");
    }
    SubscriptionNode<V> node = nodeOrCreate(filter);
    SharedGroup<V> group = null;
    if (shared.isPresent()) {
      group = node.groupOrCreate(shared.get().group(), filter);
      group.put(subscription);
    } else {
      node.putSubscriber(subscription);
    }
    byClient.computeIfAbsent(clientId, id -> new HashMap<>(4)).put(filterAsWritten, new Placement<>(node, group));
    size++;
    return null;
  }

  /** Removes one subscription; returns its value, or null when there was none. */
  public V remove(String clientId, String filterAsWritten) {
    Map<String, Placement<V>> own = byClient.get(clientId);
    if (own == null) {
      return null;
    }
    Placement<V> placement = own.remove(filterAsWritten);
    if (placement == null) {
      return null;
    }
    if (own.isEmpty()) {
      byClient.remove(clientId);
    }
    return unplace(clientId, placement);
  }

  /** Removes every subscription of {@code clientId}, in time proportional to their number. */
  public void removeAll(String clientId) {
    Map<String, Placement<V>> own = byClient.remove(clientId);
    if (own != null) {
      own.values().forEach(placement -> unplace(clientId, placement));
    }
  }

  /** Whether {@code clientId} holds a subscription to {@code filterAsWritten}. */
  public boolean contains(String clientId, String filterAsWritten) {
    Map<String, Placement<V>> own = byClient.get(clientId);
    return own != null && own.containsKey(filterAsWritten);
  }

  /** Number of subscriptions {@code clientId} holds, shared ones included. */
  public int count(String clientId) {
    Map<String, Placement<V>> own = byClient.get(clientId);
    return own == null ? 0 : own.size();
  }

  /** Number of subscriptions over all clients, shared ones included. */
  public int size() {
    return size;
  }

  /**
   * Everything subscribed to {@code topic}, a valid topic name (see {@link Topics#isValidTopicName}).
   * The lists are read-only; the groups in them are live (see {@link SharedGroup}).
   */
  public Matches<V> match(String topic) {
    List<Subscription<V>> subscriptions = new ArrayList<>();
    List<SharedGroup<V>> groups = new ArrayList<>();
    forEachMatch(topic, subscriptions::add, groups::add);
    return new Matches<>(
        subscriptions.isEmpty() ? List.of() : Collections.unmodifiableList(subscriptions),
        groups.isEmpty() ? List.of() : Collections.unmodifiableList(groups));
  }

  /**
   * The same answer as {@link #match(String)}, handed to consumers one by one instead of collected,
   * for a publish path that wants to allocate nothing. The consumers must not modify the tree.
   */
  public void forEachMatch(String topic, Consumer<? super Subscription<V>> subscriptions,
               Consumer<? super SharedGroup<V>> sharedGroups) {
    MatchStack<V> stack = spareStack != null ? spareStack : new MatchStack<>();
    spareStack = null;
    try {
      walk(topic, stack, subscriptions, sharedGroups);
    } finally {
      stack.clear();
      spareStack = stack;
    }
  }

  /** Number of nodes in the tree, the root included; for tests of pruning. */
  int nodeCount() {
    return root.countNodes();
  }

  private void walk(String topic, MatchStack<V> stack, Consumer<? super Subscription<V>> subscriptions,
           Consumer<? super SharedGroup<V>> sharedGroups) {
    int length = topic.length();
    boolean hiddenFromRootWildcards = Topics.isDollarTopic(topic);
    // Each entry: a node whose filter matches the topic so far, and where the topic's next level starts
    // (length + 1 once every level is consumed).
    stack.push(root, 0);
    while (!stack.isEmpty()) {
      int start = stack.topStart();
      SubscriptionNode<V> node = stack.pop();
      if (start > length) {
        node.emit(subscriptions, sharedGroups);
        if (node.hash != null) {
          node.hash.emit(subscriptions, sharedGroups); // "a/#" matches "a"
        }
        continue;
      }
      boolean wildcardsAllowed = !(start == 0 && hiddenFromRootWildcards);
      if (wildcardsAllowed && node.hash != null) {
        node.hash.emit(subscriptions, sharedGroups);
      }
      int end = topic.indexOf('/', start);
      if (end < 0) {
        end = length;
      }
      if (wildcardsAllowed && node.plus != null) {
        stack.push(node.plus, end + 1);
      }
      SubscriptionNode<V> literal = node.literal(topic, start, end);
      if (literal != null) {
        stack.push(literal, end + 1);
      }
    }
  }

  private SubscriptionNode<V> nodeOrCreate(String filter) {
    SubscriptionNode<V> node = root;
    int start = 0;
    while (true) {
      int end = filter.indexOf('/', start);
      if (end < 0) {
        return node.childOrCreate(filter, start, filter.length());
      }
      node = node.childOrCreate(filter, start, end);
      start = end + 1;
    }
  }

  private V unplace(String clientId, Placement<V> placement) {
    SubscriptionNode<V> node = placement.node();
    Subscription<V> removed;
    if (placement.group() != null) {
      removed = placement.group().remove(clientId);
      node.removeGroupIfEmpty(placement.group());
    } else {
      removed = node.removeSubscriber(clientId);
    }
    size--;
    prune(node);
    return removed.value();
  }

  private void prune(SubscriptionNode<V> node) {
    while (node != root && node.isEmpty()) {
      node.parent.detach(node);
      node = node.parent;
    }
  }
}
