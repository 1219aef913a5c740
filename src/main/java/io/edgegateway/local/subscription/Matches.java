package io.edgegateway.local.subscription;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SubscriptionTree#match(String)} found for one topic.
 *
 * @param subscriptions every matching non-shared subscription; a client that matches through several
 *                      of its filters appears once per filter, and the broker decides what to deliver
 * @param sharedGroups  every matching shared subscription group; the broker delivers to one member of
 *                      each, see {@link SharedGroup#pick}
 * @param <V>           type of the subscription values
 */
public record Matches<V>(List<Subscription<V>> subscriptions, List<SharedGroup<V>> sharedGroups) {

  public Matches {
    Objects.requireNonNull(subscriptions, "subscriptions");
    Objects.requireNonNull(sharedGroups, "sharedGroups");
  }

  /** Whether nobody subscribes to the topic. */
  public boolean isEmpty() {
    return subscriptions.isEmpty() && sharedGroups.isEmpty();
  }
}
