package io.edgegateway.local.subscription;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The members of one shared subscription ({@code $share/<group>/<filter>}) inside a
 * {@link SubscriptionTree}. A matching message goes to one member, chosen by {@link #pick(Predicate)}
 * in round-robin order. The group is live tree state: it changes as members subscribe and unsubscribe,
 * and the rotation position it keeps carries from one message to the next.
 *
 * @param <V> type of the subscription values
 */
public final class SharedGroup<V> {

  private final String group;
  private final String filter;
  private final List<Subscription<V>> members = new ArrayList<>();
  private final List<Subscription<V>> readOnlyMembers = Collections.unmodifiableList(members);
  private int next;

  SharedGroup(String group, String filter) {
    this.group = group;
    this.filter = filter;
  }

  /** The share name. */
  public String group() {
    return group;
  }

  /** The plain topic filter the group subscribes to, without the {@code $share/<group>/} prefix. */
  public String filter() {
    return filter;
  }

  /** The members in rotation order; a read-only view that follows later changes. */
  public List<Subscription<V>> members() {
    return readOnlyMembers;
  }

  public int size() {
    return members.size();
  }

  /**
   * Chooses the member that receives the next message: the first one, starting after the member
   * picked last time, for which {@code eligible} holds (for instance: connected, or not over its
   * in-flight window). Successive calls rotate across the members.
   *
   * @return the chosen member, or empty when no member is eligible (the rotation does not move then)
   */
  public Optional<Subscription<V>> pick(Predicate<? super Subscription<V>> eligible) {
    int count = members.size();
    for (int i = 0; i < count; i++) {
      int index = (next + i) % count;
      Subscription<V> member = members.get(index);
      if (eligible.test(member)) {
        next = (index + 1) % count;
        return Optional.of(member);
      }
    }
    return Optional.empty();
  }

  /**
   * Adds a member at the end of the rotation, or replaces the member with the same client id in its
   * place; returns the replaced one, or null.
   */
  Subscription<V> put(Subscription<V> member) {
    int index = indexOf(member.clientId());
    if (index >= 0) {
      return members.set(index, member);
    }
    members.add(member);
    return null;
  }

  /** Removes the member with this client id; returns it, or null when absent. */
  Subscription<V> remove(String clientId) {
    int index = indexOf(clientId);
    if (index < 0) {
      return null;
    }
    Subscription<V> removed = members.remove(index);
    if (index < next) {
      next--;
    }
    if (next >= members.size()) {
      next = 0;
    }
    return removed;
  }

  boolean isEmpty() {
    return members.isEmpty();
  }

  private int indexOf(String clientId) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).clientId().equals(clientId)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return SharedFilter.PREFIX + group + '/' + filter + members;
  }
}
