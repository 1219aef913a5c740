package io.edgegateway.local.access;

/**
 * Topic access whose rules can be replaced while devices stay connected (a reload of the ACL file):
 * each device's permissions are resolved again, on its own connection, at its first check after a
 * replacement, so a revoked permission stops applying at once.
 */
public final class ReloadableTopicAccess implements TopicAccess {

  private record Rules(TopicAccess access, long generation) {
  }

  private volatile Rules rules;

  public ReloadableTopicAccess(TopicAccess initial) {
    rules = new Rules(initial, 0);
  }

  /** Applies {@code next} from now on, to connected devices too. Any thread. */
  public void replace(TopicAccess next) {
    rules = new Rules(next, rules.generation() + 1);
  }

  @Override
  public DevicePermissions forDevice(String clientId, String username) {
    return new DevicePermissions() {
      private long generation = -1;
      private DevicePermissions resolved;

      private DevicePermissions current() {
        Rules now = rules;
        if (now.generation() != generation) {
          resolved = now.access().forDevice(clientId, username);
          generation = now.generation();
        }
        return resolved;
      }

      @Override
      public boolean canPublish(String topic) {
        return current().canPublish(topic);
      }

      @Override
      public boolean canSubscribe(String topicFilter) {
        return current().canSubscribe(topicFilter);
      }

      @Override
      public boolean canReceive(String topic) {
        return current().canReceive(topic);
      }
    };
  }
}
