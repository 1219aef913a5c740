package io.edgegateway.config;

/**
 * Thrown by the value parsers when text does not meet a requirement. The message states the
 * requirement only ("must be an integer"); {@link #describe(ConfigValue)} appends the offending value
 * unless it is secret, so the parsers never decide what may be shown.
 */
final class InvalidValueException extends Exception {
  private static final long serialVersionUID = 1L;

  /** How the offending value follows the requirement in a message. */
  private enum Shown {
    /** Not of the right kind at all: shown quoted, {@code got "abc"}. */
    QUOTED,
    /** Well-formed but out of range: shown as written, {@code got 70000}. */
    PLAIN,
    /** The message already says everything (for example, names the missing file). */
    NOT_APPENDED
  }

  private final Shown shown;

  private InvalidValueException(String requirement, Shown shown) {
    super(requirement, null, false, false);
    this.shown = shown;
  }

  static InvalidValueException malformed(String requirement) {
    return new InvalidValueException(requirement, Shown.QUOTED);
  }

  static InvalidValueException outOfRange(String requirement) {
    return new InvalidValueException(requirement, Shown.PLAIN);
  }

  /** A complete message; use only when the value it may contain is never secret (file paths). */
  static InvalidValueException stated(String message) {
    return new InvalidValueException(message, Shown.NOT_APPENDED);
  }

  /** The full message for {@code value}: the requirement and what was given. */
  String describe(ConfigValue value) {
    return switch (shown) {
      case QUOTED -> getMessage() + ", got " + value.shownQuoted();
      case PLAIN -> getMessage() + ", got " + value.shownPlain();
      case NOT_APPENDED -> getMessage();
    };
  }
}
