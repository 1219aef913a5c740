package io.edgegateway.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses integers, booleans and choices from scalar text, as YAML 1.2's core schema writes them. */
final class Scalars {

  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");

  private Scalars() {
  }

  /** A decimal integer between {@code min} and {@code max}, inclusive. */
  static long integer(String text, long min, long max) throws InvalidValueException {
    String trimmed = text.strip();
    if (!INTEGER.matcher(trimmed).matches()) {
      throw InvalidValueException.malformed("must be an integer");
    }
    long value;
    try {
      value = Long.parseLong(trimmed);
    } catch (NumberFormatException tooManyDigits) {
      throw InvalidValueException.outOfRange(between(min, max));
    }
    if (value < min || value > max) {
      throw InvalidValueException.outOfRange(between(min, max));
    }
    return value;
  }

  /** {@code true} or {@code false}, in any case; YAML 1.1's yes/no/on/off are refused. */
  static boolean bool(String text) throws InvalidValueException {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    if (lower.equals("true")) {
      return true;
    }
    if (lower.equals("false")) {
      return false;
    }
    throw InvalidValueException.malformed("must be true or false");
  }

  /** One of {@code choices} (lower-case), matched ignoring case; returns the matching choice. */
  static String choice(String text, List<String> choices) throws InvalidValueException {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    if (choices.contains(lower)) {
      return lower;
    }
    throw InvalidValueException.malformed("must be one of " + String.join(", ", choices));
  }

  private static String between(long min, long max) {
    return "must be between " + min + " and " + max;
  }
}
