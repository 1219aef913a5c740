package io.edgegateway.authorizer.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a policy allows, as resource patterns: the client ids to connect as ({@code iot:Connect}), the
 * topics to publish to ({@code iot:Publish}), to receive from ({@code iot:Receive}), the topic filters to
 * subscribe to ({@code iot:Subscribe}), and the topics to publish retained messages to
 * ({@code iot:RetainPublish}, which needs {@code iot:Publish} as well).
 */
public record Grants(
    List<ResourceTemplate> clientIds,
    List<ResourceTemplate> publish,
    List<ResourceTemplate> receive,
    List<ResourceTemplate> subscribe,
    List<ResourceTemplate> retainPublish) {

  public static final Grants NONE = new Grants(List.of(), List.of(), List.of(), List.of(), List.of());

  public Grants {
    clientIds = List.copyOf(clientIds);
    publish = List.copyOf(publish);
    receive = List.copyOf(receive);
    subscribe = List.copyOf(subscribe);
    retainPublish = List.copyOf(retainPublish);
  }

  /** These grants and the other's, each pattern once, in order. */
  public Grants plus(Grants other) {
    return new Grants(union(clientIds, other.clientIds), union(publish, other.publish),
        union(receive, other.receive), union(subscribe, other.subscribe),
        union(retainPublish, other.retainPublish));
  }

  private static List<ResourceTemplate> union(List<ResourceTemplate> a, List<ResourceTemplate> b) {
    LinkedHashSet<ResourceTemplate> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }
}
