package io.edgegateway.spool;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Messages just committed, kept in memory until the drain hands them on, so that a link that keeps up
 * never reads back from disk what it has just written. Bounded by bytes: a message that does not fit
 * is read from the spool when its turn comes, as after an outage or a restart. Drain context only.
 */
final class KeptMessages {

  private final long maxBytes;
  /** By id, in id order (commits arrive in id order). */
  private final LinkedHashMap<Long, SpooledMessage> byId = new LinkedHashMap<>();
  private long bytes;

  KeptMessages(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Keeps a stored message if there is room; otherwise it stays on disk only. */
  void keep(SpooledMessage m) {
    int size = m.size();
    if (bytes + size <= maxBytes) {
      byId.put(m.id(), m);
      bytes += size;
    }
  }

  /** The message with this id, no longer kept; null when it was not kept. */
  SpooledMessage take(long id) {
    SpooledMessage m = byId.remove(id);
    if (m != null) {
      bytes -= m.size();
    }
    return m;
  }

  /** Forgets messages with ids below {@code goneBelow}: the spool dropped or expired them. */
  void forgetBelow(long goneBelow) {
    Iterator<Map.Entry<Long, SpooledMessage>> it = byId.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, SpooledMessage> e = it.next();
      if (e.getKey() >= goneBelow) {
        return;
      }
      bytes -= e.getValue().size();
      it.remove();
    }
  }

  int size() {
    return byId.size();
  }

  long bytes() {
    return bytes;
  }
}
