package io.edgegateway;

import io.edgegateway.spool.SpoolOutlet;
import io.edgegateway.spool.SpooledMessage;
import io.edgegateway.upstream.UpstreamLink;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The spool drain's view of the upstream link: its connections, and sending with the message's expiry. */
final class LinkOutlet implements SpoolOutlet {

  private final UpstreamLink link;

  LinkOutlet(UpstreamLink link) {
    this.link = link;
  }

  @Override
  public int connections() {
    return link.connections();
  }

  @Override
  public int connectionOf(String deviceClientId) {
    return link.connectionOf(deviceClientId);
  }

  @Override
  public boolean connected(int connection) {
    return link.connected(connection);
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
