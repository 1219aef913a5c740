package io.edgegateway.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the spool's drops and refusals at most once per interval, with the totals so far, so that
 * nothing is dropped silently and a flood does not flood the journal.
 */
final class DropLog {

  private static final Logger LOG = LoggerFactory.getLogger(DropLog.class);

  private final long intervalNanos;
  private long lastLogNanos;
  private long loggedExpired;
  private long loggedOverflow;
  private long loggedBehind;
  private long loggedRefusedFull;
  private long loggedRefusedStorage;

  DropLog(long intervalNanos) {
    this.intervalNanos = intervalNanos;
    this.lastLogNanos = System.nanoTime() - intervalNanos;
  }

  /** Called after each batch with the totals since start. */
  void report(SpoolStats s, long nowNanos) {
    boolean changed = s.expired() != loggedExpired || s.droppedOverflow() != loggedOverflow
        || s.droppedBehind() != loggedBehind
        || s.refusedFull() != loggedRefusedFull || s.refusedStorage() != loggedRefusedStorage;
    if (!changed || nowNanos - lastLogNanos < intervalNanos) {
      return;
    }
    LOG.warn("spool: dropped {} expired, {} for overflow and {} QoS 0 (writer behind), refused {} (spool full) "
        + "and {} (storage failing) since start (+{}, +{}, +{}, +{}, +{} since last report); {} messages, {} bytes "
        + "on disk", s.expired(), s.droppedOverflow(), s.droppedBehind(), s.refusedFull(), s.refusedStorage(),
        s.expired() - loggedExpired, s.droppedOverflow() - loggedOverflow, s.droppedBehind() - loggedBehind,
        s.refusedFull() - loggedRefusedFull, s.refusedStorage() - loggedRefusedStorage, s.messages(), s.bytes());
    lastLogNanos = nowNanos;
    loggedExpired = s.expired();
    loggedOverflow = s.droppedOverflow();
    loggedBehind = s.droppedBehind();
    loggedRefusedFull = s.refusedFull();
    loggedRefusedStorage = s.refusedStorage();
  }
}
