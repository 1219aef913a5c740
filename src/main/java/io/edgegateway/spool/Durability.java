package io.edgegateway.spool;

/**
 * SQLite's {@code synchronous} setting for the spool. With WAL, {@link #FULL} syncs the log at every
 * commit, so a committed (and PUBACKed) message survives a power cut; {@link #NORMAL} syncs only at
 * checkpoints, so the last commits before a power cut may be lost (a process crash loses nothing).
 */
public enum Durability {
  FULL,
  NORMAL
}
