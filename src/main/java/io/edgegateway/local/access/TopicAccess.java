package io.edgegateway.local.access;

import io.edgegateway.local.auth.AclFile;
import io.edgegateway.local.auth.ClientAcl;

/** Resolves the topic permissions of a device from its identity. */
@FunctionalInterface
public interface TopicAccess {

  /**
   * @param clientId the device's client id
   * @param username its authenticated username, or null for an anonymous device
   */
  DevicePermissions forDevice(String clientId, String username);

  /** Every device may use every topic: the gateway without an ACL file. */
  TopicAccess ALLOW_ALL = (clientId, username) -> DevicePermissions.ALL;

  /** Decisions from a Mosquitto ACL file, its rules resolved once per device. */
  static TopicAccess of(AclFile acl) {
    return (clientId, username) -> {
      ClientAcl rules = acl.forClient(clientId, username);
      return new DevicePermissions() {
        @Override
        public boolean canPublish(String topic) {
          return rules.canPublish(topic);
        }

        @Override
        public boolean canSubscribe(String topicFilter) {
          return rules.canSubscribe(topicFilter);
        }

        @Override
        public boolean canReceive(String topic) {
          return rules.canReceive(topic);
        }
      };
    };
  }
}
