package io.edgegateway.spool;

import io.edgegateway.local.Ingress.RefusedException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One group-commit transaction of the writer: the upstream's acknowledged deletes, expired messages
 * found by reads, the expiry sweep when due, then the new messages under the spool's bounds. Either all of it commits and the ledger
 * moves on, or none of it does.
 */
final class SpoolTransaction {

  /** MQTT 5 reason code 0x97 Quota exceeded, for every refusal of the spool. */
  static final int QUOTA_EXCEEDED = 0x97;

  private final SpoolStore store;
  private final SpoolOptions options;

  SpoolTransaction(SpoolStore store, SpoolOptions options) {
    this.store = store;
    this.options = options;
  }

  /** What became of each new message, in order: its row id, or why it was refused. */
  record Outcome(long id, RefusedException refusal) {
  }

  /**
   * Runs and commits one transaction, updating {@code ledger} only when it commits.
   *
   * @return one outcome per message in {@code appends}
   * @throws SQLException when it failed and was rolled back
   */
  List<Outcome> run(SpoolLedger ledger, List<SpooledMessage> appends, List<Long> deletes, List<Long> expiredIds,
      boolean sweep, long nowMillis) throws SQLException {
    SpoolLedger next = ledger.copy();
    List<Outcome> outcomes = new ArrayList<>(appends.size());
    boolean wrote = false;
    try {
      long deleted = deleteAll(next, deletes);
      next.deleted += deleted;
      long expiredFound = deleteAll(next, expiredIds);
      next.expired += expiredFound;
      wrote = deleted + expiredFound > 0;
      if (sweep) {
        SpoolStore.Totals expired = store.deleteExpired(nowMillis);
        next.remove(expired);
        next.expired += expired.messages();
        wrote |= expired.messages() > 0;
      }
      for (SpooledMessage m : appends) {
        RefusedException refusal = makeRoom(next, m.size());
        if (refusal != null) {
          next.refusedFull++;
          outcomes.add(new Outcome(-1, refusal));
          continue;
        }
        long id = m.id(); // given when it was handed in
        store.insert(id, m);
        outcomes.add(new Outcome(id, null));
        next.lastId = Math.max(next.lastId, id);
        next.messages++;
        next.bytes += m.size();
        next.appended++;
        wrote = true;
      }
      if (wrote) {
        SpoolRow.Oldest oldest = store.oldest();
        next.oldestAcceptedAt = oldest == null ? -1 : oldest.acceptedAt();
        next.oldestId = oldest == null ? -1 : oldest.id();
      }
      store.commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(e);
      throw e;
    }
    if (wrote) {
      next.transactions++;
    }
    next.storageFailing = false;
    ledger.adopt(next);
    return outcomes;
  }

  /** Deletes the messages with these ids that are still stored; returns how many were. */
  private long deleteAll(SpoolLedger next, List<Long> ids) throws SQLException {
    long gone = 0;
    for (long id : ids) {
      long size = store.delete(id);
      if (size >= 0) {
        next.remove(new SpoolStore.Totals(1, size, 0));
        gone++;
      }
    }
    return gone;
  }

  /** Makes room for a message of {@code size} bytes under the overflow policy; a refusal when it cannot. */
  private RefusedException makeRoom(SpoolLedger next, int size) throws SQLException {
    if (size > options.maxBytes()) {
      return new RefusedException(QUOTA_EXCEEDED, "the message (" + size + " bytes) is larger than the spool ("
          + options.maxBytes() + " bytes)", true);
    }
    long excessMessages = next.messages + 1 - options.maxMessages();
    long excessBytes = next.bytes + size - options.maxBytes();
    if (excessMessages <= 0 && excessBytes <= 0) {
      return null;
    }
    if (options.overflow() == OverflowPolicy.REFUSE_NEW) {
      return new RefusedException(QUOTA_EXCEEDED, "the spool is full (" + next.messages + " messages, "
          + next.bytes + " bytes)");
    }
    SpoolStore.Totals dropped = store.dropOldest(excessMessages, excessBytes);
    next.remove(dropped);
    next.droppedOverflow += dropped.messages();
    return null;
  }

  private void rollbackQuietly(Exception cause) {
    try {
      store.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
