package io.edgegateway.local.access;

import io.edgegateway.local.auth.AclFile;

/** Which topics a device may publish to, subscribe to and receive from. */
public interface TopicAccess {

  boolean canPublish(String clientId, String username, String topic);

  boolean canSubscribe(String clientId, String username, String topicFilter);

  boolean canReceive(String clientId, String username, String topic);

  /** Every device may use every topic: the gateway without an ACL file. */
  TopicAccess ALLOW_ALL = new TopicAccess() {
    @Override
    public boolean canPublish(String clientId, String username, String topic) {
      return true;
    }

    @Override
    public boolean canSubscribe(String clientId, String username, String topicFilter) {
      return true;
    }

    @Override
    public boolean canReceive(String clientId, String username, String topic) {
      return true;
    }
  };

  /** Decisions from a Mosquitto ACL file. */
  static TopicAccess of(AclFile acl) {
    return new TopicAccess() {
      @Override
      public boolean canPublish(String clientId, String username, String topic) {
        return acl.canPublish(clientId, username, topic);
      }

      @Override
      public boolean canSubscribe(String clientId, String username, String topicFilter) {
        return acl.canSubscribe(clientId, username, topicFilter);
      }

      @Override
      public boolean canReceive(String clientId, String username, String topic) {
        return acl.canReceive(clientId, username, topic);
      }
    };
  }
}
