package io.edgegateway.local.session;

/**
 * Bytes of messages queued or in flight towards devices, over all sessions, against one bound: the
 * broker's memory stays within {@code sessions.maxQueuedBytes} however many devices are slow or
 * offline. Used on the broker's event loop only.
 */
public final class QueueBudget {
  private final long max;
  private long used;

  public QueueBudget(long maxBytes) {
    this.max = maxBytes;
  }

  /** Reserves room for a message; false when it does not fit. */
  boolean tryReserve(long bytes) {
    if (used + bytes > max) {
      return false;
    }
    used += bytes;
    return true;
  }

  void release(long bytes) {
    used -= bytes;
  }

  /** The bound. */
  long max() {
    return max;
  }
}
