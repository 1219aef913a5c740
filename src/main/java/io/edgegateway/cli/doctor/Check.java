package io.edgegateway.cli.doctor;

/**
 * The outcome of one step of {@code edge-gateway doctor}, printed as one line.
 *
 * @param step   the step's short name ({@code DNS}, {@code TLS}, ...)
 * @param status how it went
 * @param text   what was found, in plain words; for a failure also what to check (never a secret)
 */
public record Check(String step, Status status, String text) {

  /** How a step went. */
  public enum Status {
    OK("ok"), FAILED("FAILED"), SKIPPED("skipped");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  static Check ok(String step, String text) {
    return new Check(step, Status.OK, text);
  }

  /** A failure: what went wrong, then what to check. */
  static Check failed(String step, String what, String hint) {
    return new Check(step, Status.FAILED, hint == null ? what : what + " — " + hint);
  }

  static Check skipped(String step, String why) {
    return new Check(step, Status.SKIPPED, why);
  }

  public boolean passed() {
    return status != Status.FAILED;
  }

  /** The line as printed: step, status, text in columns. */
  public String line() {
    return String.format("%-10s %-8s %s", step, status.label(), text);
  }
}
