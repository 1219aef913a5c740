package io.edgegateway.cli.doctor;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The steps' outcomes, each printed as soon as it is known. */
public final class Report {

  private final PrintWriter out;
  private final List<Check> checks = new ArrayList<>();

  public Report(PrintWriter out) {
    this.out = out;
  }

  public void add(Check check) {
    checks.add(check);
    out.println(check.line());
    out.flush();
  }

  /** Marks each of {@code steps} not yet reported as skipped because an earlier step failed. */
  public void skipRemaining(List<String> steps) {
    for (String step : steps) {
      if (checks.stream().noneMatch(c -> c.step().equals(step))) {
        add(Check.skipped(step, "an earlier step failed"));
      }
    }
  }

  public List<Check> checks() {
    return List.copyOf(checks);
  }

  /** The first failed step, or null when none failed. */
  public Check firstFailure() {
    return checks.stream().filter(c -> !c.passed()).findFirst().orElse(null);
  }
}
