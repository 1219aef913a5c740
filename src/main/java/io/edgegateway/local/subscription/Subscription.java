package io.edgegateway.local.subscription;

import java.util.Objects;

/**
 * One client's subscription to one filter.
 *
 * @param clientId the subscribing client
 * @param filter   the filter as the client wrote it in SUBSCRIBE, including any {@code $share/<group>/}
 *                 prefix; together with {@code clientId} it identifies the subscription
 * @param value    what the broker keeps with it (granted QoS, MQTT 5 subscription options, ...)
 * @param <V>      type of the value
 */
public record Subscription<V>(String clientId, String filter, V value) {

  public Subscription {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(value, "value");
  }
}
