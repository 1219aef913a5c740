package io.edgegateway;

import io.edgegateway.spool.SpoolOutlet;
import io.edgegateway.spool.SpooledMessage;
import io.edgegateway.upstream.DeviceLinks;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The spool drain's view of the devices' own connections: a device's messages go on its connection (the
 * key is its client id), and its connection stays open while the spool holds messages of it.
 */
final class DeviceOutlet implements SpoolOutlet {

  private final DeviceLinks links;

  DeviceOutlet(DeviceLinks links) {
    this.links = links;
  }

  @Override
  public Object connectionOf(String deviceClientId) {
    return deviceClientId;
  }

  @Override
  public boolean connected(Object connection) {
    return links.connected((String) connection);
  }

  @Override
  public int window(Object connection) {
    return links.window();
  }

  @Override
  public Future<Void> send(SpooledMessage message) {
    return links.send(message.toForward(), message.expiresAt());
  }

  @Override
  public void holding(String deviceClientId, boolean holding) {
    links.holding(deviceClientId, holding);
  }

  /** The drain runs on the links' context, so handing a message on crosses no thread. */
  @Override
  public Context context(Vertx vertx) {
    return links.context();
  }
}
