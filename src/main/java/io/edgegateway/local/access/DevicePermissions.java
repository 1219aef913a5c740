package io.edgegateway.local.access;

/** What one connected device may do, resolved once when it connects. */
public interface DevicePermissions {

  boolean canPublish(String topic);

  boolean canSubscribe(String topicFilter);

  boolean canReceive(String topic);

  /** Everything: the gateway without an ACL file. */
  DevicePermissions ALL = new DevicePermissions() {
    @Override
    public boolean canPublish(String topic) {
      return true;
    }

    @Override
    public boolean canSubscribe(String topicFilter) {
      return true;
    }

    @Override
    public boolean canReceive(String topic) {
      return true;
    }
  };
}
