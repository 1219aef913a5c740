package io.edgegateway.spool;

/**
 * One device's messages waiting in the spool, as ids in the order the device published them: the drain
 * hands them on from the front, and a device's messages never overtake each other. Drain context only.
 */
final class DeviceLane {

  final String deviceClientId;
  /** The upstream connection its messages go through: the outlet's key for it. */
  final Object connection;
  private long[] ids = new long[8];
  private int head;
  private int size;
  /** The first {@code sent} ids have been handed on; the rest wait. */
  private int sent;
  /** Ids handed on whose outcome has not come back. */
  private int outstanding;
  /** A passing failure: hand on nothing more until the outstanding ones are back, then start again. */
  private boolean failed;
  /** Waiting out the retry delay after a failure. */
  boolean cooling;
  /** In the drain's round-robin of lanes with something to send, or parked until its connection can take more. */
  boolean queued;

  DeviceLane(String deviceClientId, Object connection) {
    this.deviceClientId = deviceClientId;
    this.connection = connection;
  }

  /** Adds the id of a newly stored message; ids arrive in increasing order. */
  void add(long id) {
    if (size == ids.length) {
      grow();
    }
    ids[(head + size++) & (ids.length - 1)] = id;
  }

  boolean sendable() {
    return !failed && !cooling && sent < size;
  }

  /** Whether a new message may go at once: nothing waits before it and no failure is to be retried. */
  boolean takesFresh() {
    return !failed && !cooling && sent == size;
  }

  /** The next id to hand on. */
  long next() {
    outstanding++;
    return get(sent++);
  }

  /** The message is gone from the spool (acknowledged, refused for good, dropped or expired). */
  void done(long id) {
    outstanding--;
    for (int i = 0; i < sent; i++) {
      if (get(i) == id) {
        removeAt(i);
        sent--;
        return;
      }
    }
  }

  /** The message could not be handed on this time and stays in the spool. */
  void failed() {
    outstanding--;
    failed = true;
  }

  /** After a failure, once nothing is outstanding: start again from the oldest message not yet done. */
  boolean rewindIfSettled() {
    if (!failed || outstanding > 0) {
      return false;
    }
    failed = false;
    sent = 0;
    return true;
  }

  /** Forgets waiting (not handed on) ids below {@code goneBelow}: the spool no longer has them. */
  void forgetBelow(long goneBelow) {
    int gone = 0;
    while (sent + gone < size && get(sent + gone) < goneBelow) {
      gone++;
    }
    if (gone == 0) {
      return;
    }
    // the ids handed on (the short front part) move up over the forgotten ones
    for (int j = sent - 1; j >= 0; j--) {
      ids[(head + j + gone) & (ids.length - 1)] = get(j);
    }
    head = (head + gone) & (ids.length - 1);
    size -= gone;
  }

  boolean idle() {
    return size == 0 && outstanding == 0;
  }

  /** Ids waiting or out, for tests and statistics. */
  int size() {
    return size;
  }

  private long get(int i) {
    return ids[(head + i) & (ids.length - 1)];
  }

  /** Removes the id at {@code i}, moving the (short) front part up rather than the tail down. */
  private void removeAt(int i) {
    for (int j = i; j > 0; j--) {
      ids[(head + j) & (ids.length - 1)] = get(j - 1);
    }
    head = (head + 1) & (ids.length - 1);
    size--;
  }

  private void grow() {
    long[] bigger = new long[ids.length * 2];
    for (int i = 0; i < size; i++) {
      bigger[i] = get(i);
    }
    ids = bigger;
    head = 0;
  }
}
