package io.edgegateway.local.publish;

import io.edgegateway.local.subscription.RetainedStore;
import io.edgegateway.message.Message;
import java.util.List;

/**
 * The retained message of each topic, bounded in count and in bytes. An empty payload clears a
 * topic's retained message.
 */
public final class RetainedMessages {

  private final RetainedStore<Message> store;
  private final long maxBytes;
  private long bytes;

  public RetainedMessages(int maxMessages, long maxBytes) {
    this.store = new RetainedStore<>(maxMessages);
    this.maxBytes = maxBytes;
  }

  /**
   * Keeps a message with the RETAIN flag as its topic's retained message, or clears the topic.
   *
   * @return false when it had to be refused because the count or byte bound would be exceeded; the
   *     topic's older retained message is dropped too, so no subscriber is handed a stale state
   */
  public boolean retain(Message message) {
    Message previous = store.get(message.topic());
    long before = previous == null ? 0 : size(previous);
    if (message.payload().length() == 0) {
      if (store.remove(message.topic()) != null) {
        bytes -= before;
      }
      return true;
    }
    long after = size(message);
    if (bytes - before + after > maxBytes || !store.put(message.topic(), message)) {
      remove(message.topic());
      return false;
    }
    bytes += after - before;
    return true;
  }

  /** Retained messages whose topics match a (plain) filter. */
  public List<Message> match(String filter) {
    return store.match(filter);
  }

  /** Drops a topic's retained message (it expired). */
  public void remove(String topic) {
    Message removed = store.remove(topic);
    if (removed != null) {
      bytes -= size(removed);
    }
  }

  private static long size(Message m) {
    return m.payload().length() + 2L * m.topic().length();
  }
}
