package io.edgegateway.cli;

/** Exit codes of the {@code edge-gateway} commands. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** Runtime failure: could not start, could not write a file, and the like. */
  public static final int FAILURE = 1;
  /** Bad configuration or bad command-line input. */
  public static final int CONFIG = 2;
  /**
   * {@code spool stats}: there is no spool directory, or no spool database in it. {@code devices}: there is
   * no state (spool) directory.
   */
  public static final int NO_SPOOL = 3;
  /** {@code spool stats}: the spool file is not a spool database (not SQLite, corrupt, or another schema). */
  public static final int BAD_SPOOL = 4;

  /** {@code doctor}: a step failed. */
  public static final int CHECK_FAILED = 5;
  /** {@code doctor}: no upstream is configured, so there is nothing to check. */
  public static final int LOCAL_ONLY = 6;

  /** {@code devices revoke}: a username named has no cached verifier (the others named were revoked). */
  public static final int NO_VERIFIER = 7;

  private ExitCodes() {
  }
}
