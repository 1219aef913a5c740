package io.edgegateway.upstream;

import io.edgegateway.route.Router;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The gateway's connections to IoT Core, whoever they speak as: the gateway's own identity
 * ({@link UpstreamLink}) or each device's ({@link DeviceLinks}). What the rest of the gateway needs of
 * them: starting and stopping, the routes of the downlink, and their state for health and metrics.
 */
public interface Upstream {

  /** Starts; completes at once (connections come up in the background). */
  Future<Void> start();

  /** The Vert.x context the connections live on: sending from it saves a hand-over. */
  Context context();

  /** Applies reloaded rules: the downlink subscriptions follow them without reconnecting. */
  void replaceRoutes(Router router);

  /** The state of each connection. */
  List<LinkStatus> status();

  /** Each connection's counters, by client id. */
  Map<String, LinkCounters> counters();

  /** Tells {@code listener} (on the link's context) each time a connection changes state. */
  void onStateChange(Consumer<LinkStatus> listener);

  /** Messages refused because the queue towards IoT Core was full, since start. */
  long refusedQueueFull();

  /**
   * Stops connecting and sending, and gives the messages in flight up to {@code graceMillis} to be
   * acknowledged.
   */
  Future<Void> drain(long graceMillis);

  /** Disconnects and fails every message IoT Core has not acknowledged. */
  Future<Void> close();
}
