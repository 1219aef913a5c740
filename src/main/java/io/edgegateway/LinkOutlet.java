package io.edgegateway;

import io.edgegateway.spool.SpoolOutlet;
import io.edgegateway.spool.SpooledMessage;
import io.edgegateway.upstream.UpstreamLink;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The spool drain's view of the upstream link: its fixed set of connections, keyed by their index, each
 * an equal share of the drain's window, and sending with the message's expiry.
 */
final class LinkOutlet implements SpoolOutlet {

  private final UpstreamLink link;
  private final int perConnection;

  /** {@code maxOutstanding}: the drain's window, shared equally by the link's connections. */
  LinkOutlet(UpstreamLink link, int maxOutstanding) {
    this.link = link;
    this.perConnection = Math.max(1, (maxOutstanding + link.connections() - 1) / link.connections());
  }

  @Override
  public Object connectionOf(String deviceClientId) {
    return link.connectionOf(deviceClientId);
  }

  @Override
  public boolean connected(Object connection) {
    return link.connected((Integer) connection);
  }

  @Override
  public int window(Object connection) {
    return perConnection;
  }

  @Override
  public Future<Void> send(SpooledMessage message) {
    return link.send(message.toForward(), message.expiresAt());
  }

  /** The drain runs on the link's context, so handing a message to the link crosses no thread. */
  @Override
  public Context context(Vertx vertx) {
    return link.context();
  }
}
