package io.edgegateway.spool;

/**
 * A stored message's id and device: what the drain keeps in memory of each message waiting on disk.
 *
 * @param id             the row id
 * @param deviceClientId the device that published it
 */
record SpoolRow(long id, String deviceClientId) {

  /** The oldest stored message: its id and when it was accepted (epoch milliseconds). */
  record Oldest(long id, long acceptedAt) {
  }
}
