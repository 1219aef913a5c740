package io.edgegateway.cli;

/** Exit codes of the {@code edge-gateway} commands. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** Runtime failure: could not start, could not write a file, and the like. */
  public static final int FAILURE = 1;
  /** Bad configuration or bad command-line input. */
  public static final int CONFIG = 2;

  private ExitCodes() {
  }
}
