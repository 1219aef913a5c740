package io.edgegateway.local.publish;

import io.edgegateway.local.BrokerStats;
import io.edgegateway.local.BrokerStats.Drop;
import io.edgegateway.local.session.Delivery;
import io.edgegateway.local.session.Session;
import io.edgegateway.local.session.SessionRegistry;
import io.edgegateway.local.subscribe.SubscriptionOptions;
import io.edgegateway.local.subscription.Matches;
import io.edgegateway.local.subscription.SharedGroup;
import io.edgegateway.local.subscription.Subscription;
import io.edgegateway.local.subscription.SubscriptionTree;
import io.edgegateway.message.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Local device-to-device delivery: keeps retained messages, and hands a message to every session
 * whose subscriptions match, once per session (with the highest matching QoS and every matching
 * subscription identifier), and to one member of each matching shared-subscription group.
 */
public final class Dispatcher {

  private final SubscriptionTree<SubscriptionOptions> subscriptions;
  private final RetainedMessages retained;
  private final SessionRegistry sessions;
  private final BrokerStats stats;

  public Dispatcher(SubscriptionTree<SubscriptionOptions> subscriptions, RetainedMessages retained,
      SessionRegistry sessions, BrokerStats stats) {
    this.subscriptions = subscriptions;
    this.retained = retained;
    this.sessions = sessions;
    this.stats = stats;
  }

  /** Delivers a message a device published (or a will) to local subscribers. */
  public void dispatch(Message message) {
    if (message.retain()) {
      retain(message);
    }
    Matches<SubscriptionOptions> matches = subscriptions.match(message.topic());
    Map<String, Target> targets = new LinkedHashMap<>();
    for (Subscription<SubscriptionOptions> sub : matches.subscriptions()) {
      SubscriptionOptions o = sub.value();
      if (o.noLocal() && sub.clientId().equals(message.clientId())) {
        continue;
      }
      targets.computeIfAbsent(sub.clientId(), id -> new Target()).add(o);
    }
    for (Map.Entry<String, Target> e : targets.entrySet()) {
      Session s = sessions.get(e.getKey());
      if (s != null) {
        Target t = e.getValue();
        deliver(s, message, t.qos, t.retainAsPublished && message.retain(), t.subscriptionIds);
      }
    }
    for (SharedGroup<SubscriptionOptions> group : matches.sharedGroups()) {
      group.pick(sub -> isOnlineAndAllowed(sub.clientId(), message))
          .or(() -> group.pick(sub -> sessions.get(sub.clientId()) != null))
          .ifPresent(sub -> {
            SubscriptionOptions o = sub.value();
            deliver(sessions.get(sub.clientId()), message, o.qos(), o.retainAsPublished() && message.retain(),
                o.subscriptionId() == 0 ? List.of() : List.of(o.subscriptionId()));
          });
    }
  }

  /**
   * Delivers a message to one session alone, by its own matching subscriptions (shared ones included):
   * a message from IoT Core that came on that device's own upstream connection. Never retained.
   */
  public void dispatchTo(String clientId, Message message) {
    Session s = sessions.get(clientId);
    if (s == null) {
      return;
    }
    Matches<SubscriptionOptions> matches = subscriptions.match(message.topic());
    Target target = null;
    for (Subscription<SubscriptionOptions> sub : matches.subscriptions()) {
      if (sub.clientId().equals(clientId)) {
        target = target == null ? new Target() : target;
        target.add(sub.value());
      }
    }
    for (SharedGroup<SubscriptionOptions> group : matches.sharedGroups()) {
      Optional<Subscription<SubscriptionOptions>> own = group.pick(sub -> sub.clientId().equals(clientId));
      if (own.isPresent()) {
        target = target == null ? new Target() : target;
        target.add(own.get().value());
      }
    }
    if (target != null) {
      deliver(s, message, target.qos, false, target.subscriptionIds);
    }
  }

  /** Sends the retained messages matching a new subscription's filter to one session. */
  public void sendRetained(Session session, String filter, SubscriptionOptions options) {
    List<Message> found = retained.match(filter);
    long now = System.nanoTime();
    List<Integer> ids = options.subscriptionId() == 0 ? List.of() : List.of(options.subscriptionId());
    for (Message m : found) {
      if (m.expired(now)) {
        retained.remove(m.topic());
        continue;
      }
      deliver(session, m, options.qos(), true, ids);
    }
  }

  private void retain(Message message) {
    if (!retained.retain(message)) {
      stats.dropped(Drop.RETAINED_STORE_FULL);
    }
  }

  private void deliver(Session s, Message m, int grantedQos, boolean retain, List<Integer> subscriptionIds) {
    if (s == null) {
      return;
    }
    if (!s.permissions().canReceive(m.topic())) {
      stats.dropped(Drop.NOT_AUTHORIZED);
      return;
    }
    s.outbox().offer(new Delivery(m, Math.min(m.qos(), grantedQos), retain, subscriptionIds));
  }

  private boolean isOnlineAndAllowed(String clientId, Message m) {
    Session s = sessions.get(clientId);
    return s != null && s.online() && s.permissions().canReceive(m.topic());
  }

  /** What one session gets from all of its matching subscriptions. */
  private static final class Target {
    int qos = -1;
    boolean retainAsPublished;
    final List<Integer> subscriptionIds = new ArrayList<>(1);

    void add(SubscriptionOptions o) {
      qos = Math.max(qos, o.qos());
      retainAsPublished |= o.retainAsPublished();
      if (o.subscriptionId() != 0) {
        subscriptionIds.add(o.subscriptionId());
      }
    }
  }
}
