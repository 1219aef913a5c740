package io.edgegateway.iotcore;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivers a message to every connection with a matching subscription, once per connection at the
 * highest QoS its matching subscriptions granted (capped by the message's). Each connection applies its
 * own {@code iot:Receive} check and quotas ({@link Connection#deliver}). Retained messages are not kept.
 */
final class Router {
  private final ConnectionRegistry registry;

  Router(ConnectionRegistry registry) {
    this.registry = registry;
  }

  /** Completes, once every delivery has been written (QoS 0) or acknowledged (QoS 1), with how many were made. */
  Future<Integer> route(String topic, Buffer payload, int qos) {
    List<Future<Boolean>> deliveries = new ArrayList<>();
    for (Connection connection : registry.all()) {
      int granted = -1;
      for (Map.Entry<String, Integer> subscription : connection.subscriptions.entrySet()) {
        if (Topics.matches(subscription.getKey(), topic)) {
          granted = Math.max(granted, subscription.getValue());
        }
      }
      if (granted >= 0) {
        deliveries.add(connection.deliver(topic, payload, Math.min(granted, qos)));
      }
    }
    if (deliveries.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return Future.join(deliveries).transform(done -> Future.succeededFuture(
        (int) deliveries.stream().filter(f -> f.succeeded() && Boolean.TRUE.equals(f.result())).count()));
  }
}
