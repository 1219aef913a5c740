package io.edgegateway.spool;

/**
 * A snapshot of the spool, taken after its last transaction.
 *
 * @param messages         messages on disk
 * @param bytes            their bytes, counted as {@link SpooledMessage#size()}
 * @param oldestAcceptedAt epoch milliseconds when the oldest message on disk was accepted, or -1 when empty
 * @param deferred         QoS 0 messages waiting in memory to be written
 * @param transactions     transactions committed since start
 * @param appended         messages written since start
 * @param deleted          messages removed after the upstream acknowledged them
 * @param expired          messages dropped because their time to live passed
 * @param droppedOverflow  messages dropped to make room (policy drop-oldest)
 * @param droppedBehind    QoS 0 messages dropped before they reached the spool because too many waited for
 *                         its writer (devices sending QoS 0 faster than the disk takes it)
 * @param refusedFull      new messages refused because the spool was full (policy refuse-new, or larger
 *                         than the spool)
 * @param refusedStorage   new messages refused because the disk was full or failed
 * @param storageFailing   whether the last transaction failed (disk full or I/O error)
 * @param readBack         messages read back from disk to be forwarded: those that waited out an outage or
 *                         a restart, or did not fit in the drain's memory; a link that keeps up reads none
 * @param writeSkipped     messages IoT Core acknowledged before the spool wrote them, so never written
 * @param commitLatency    from append to commit, of the QoS 1 appends since start
 * @param bytesWritten     bytes the spool's writer sent to the disk since start (SQLite's WAL, checkpoints
 *                         and index, as the kernel counts them for its thread), or -1 where unknown
 */
public record SpoolStats(long messages, long bytes, long oldestAcceptedAt, int deferred, long transactions,
    long appended, long deleted, long expired, long droppedOverflow, long droppedBehind, long refusedFull, long refusedStorage,
    boolean storageFailing, long readBack, long writeSkipped, CommitLatency commitLatency, long bytesWritten) {
}
