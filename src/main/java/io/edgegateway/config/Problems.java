package io.edgegateway.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every configuration problem found in one pass, so the operator sees them all at once.
 * Each problem renders as {@code <origin>: <path>: <what is wrong>}.
 */
final class Problems {

  /** One problem; {@code path} is the dotted key path, or empty for problems not tied to a key. */
  record Problem(Origin origin, String path, String message) {
    String render() {
      return path.isEmpty() ? origin + ": " + message : origin + ": " + path + ": " + message;
    }
  }

  private final List<Problem> problems = new ArrayList<>();

  void add(Origin origin, String path, String message) {
    problems.add(new Problem(origin, path, message));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** The rendered problems: file problems in line order, then environment problems as found. */
  List<String> rendered() {
    return problems.stream()
        .sorted(Comparator.comparingInt((Problem p) -> p.origin().environment() ? 1 : 0)
            .thenComparingInt(p -> p.origin().line()))
        .map(Problem::render)
        .toList();
  }

  /** Throws one {@link ConfigException} listing every problem, one per line, if there are any. */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new ConfigException(rendered());
    }
  }
}
