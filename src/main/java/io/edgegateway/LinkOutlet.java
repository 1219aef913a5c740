package io.edgegateway;

import io.edgegateway.spool.SpoolOutlet;
import io.edgegateway.spool.SpooledMessage;
import io.edgegateway.upstream.UpstreamLink;
import io.vertx.core.Future;

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
}
