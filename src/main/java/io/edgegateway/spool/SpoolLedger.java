package io.edgegateway.spool;

/**
 * The spool's running totals, kept by the writer thread. A transaction works on a {@link #copy()} and
 * the copy replaces the ledger only once the transaction commits.
 */
final class SpoolLedger {

  long messages;
  long bytes;
  long oldestAcceptedAt = -1;
  /** The oldest stored message's id, or -1 when empty. */
  long oldestId = -1;
  /** The highest id stored so far (this run, or found at start); -1 until it could be read. */
  long lastId = -1;
  long transactions;
  long appended;
  long deleted;
  long expired;
  long droppedOverflow;
  long refusedFull;
  long refusedStorage;
  /** Messages read back from disk to be forwarded. */
  long readBack;
  /** Messages acknowledged upstream before they were written: never written. */
  long writeSkipped;
  boolean storageFailing;

  SpoolLedger copy() {
    SpoolLedger c = new SpoolLedger();
    c.adopt(this);
    return c;
  }

  /** Takes every total from {@code other}. */
  void adopt(SpoolLedger other) {
    messages = other.messages;
    bytes = other.bytes;
    oldestAcceptedAt = other.oldestAcceptedAt;
    oldestId = other.oldestId;
    lastId = other.lastId;
    transactions = other.transactions;
    appended = other.appended;
    deleted = other.deleted;
    expired = other.expired;
    droppedOverflow = other.droppedOverflow;
    refusedFull = other.refusedFull;
    refusedStorage = other.refusedStorage;
    readBack = other.readBack;
    writeSkipped = other.writeSkipped;
    storageFailing = other.storageFailing;
  }

  /** Every message with a lower id is gone from disk (acknowledged, dropped or expired). */
  long goneBelow() {
    return oldestId >= 0 ? oldestId : Math.max(0, lastId + 1);
  }

  void remove(SpoolStore.Totals gone) {
    messages -= gone.messages();
    bytes -= gone.bytes();
  }

  SpoolStats snapshot(int deferred, long droppedBehind, CommitLatency commitLatency, long bytesWritten) {
    return new SpoolStats(messages, bytes, oldestAcceptedAt, deferred, transactions, appended, deleted, expired,
        droppedOverflow, droppedBehind, refusedFull, refusedStorage, storageFailing, readBack, writeSkipped, commitLatency,
        bytesWritten);
  }
}
