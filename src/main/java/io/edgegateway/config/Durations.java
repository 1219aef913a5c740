package io.edgegateway.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations: an integer with a unit: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 24h}, {@code 365d}.
 * A bare number is refused, because whether it means seconds or milliseconds is a guess.
 */
final class Durations {

  private static final Pattern DURATION = Pattern.compile("(-?[0-9]+)\\s*([A-Za-z]*)");
  private static final Map<String, ChronoUnit> UNITS = new LinkedHashMap<>();
  private static final String UNIT_LIST = "ms, s, m, h or d";

  static {
    UNITS.put("d", ChronoUnit.DAYS);
    UNITS.put("h", ChronoUnit.HOURS);
    UNITS.put("m", ChronoUnit.MINUTES);
    UNITS.put("s", ChronoUnit.SECONDS);
    UNITS.put("ms", ChronoUnit.MILLIS);
  }

  private Durations() {
  }

  /** The duration {@code text} denotes, between {@code min} and {@code max} inclusive. */
  static Duration parse(String text, Duration min, Duration max) throws InvalidValueException {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw InvalidValueException.malformed("must be a duration: a whole number with a unit (" + UNIT_LIST
          + "), such as 10s");
    }
    if (m.group(2).isEmpty()) {
      throw InvalidValueException.malformed("must have a unit (" + UNIT_LIST + "), such as 10s");
    }
    ChronoUnit unit = UNITS.get(m.group(2));
    if (unit == null) {
      throw InvalidValueException.malformed("unknown duration unit \"" + m.group(2) + "\"; use " + UNIT_LIST);
    }
    Duration value;
    try {
      value = Duration.of(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      throw InvalidValueException.outOfRange(between(min, max));
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw InvalidValueException.outOfRange(between(min, max));
    }
    return value;
  }

  /** The shortest exact way to write a duration: {@code 10s}, {@code 5m}, {@code 65535s}, {@code 0s}. */
  static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    for (Map.Entry<String, ChronoUnit> unit : UNITS.entrySet()) {
      Duration one = unit.getValue().getDuration();
      if (duration.toMillis() % one.toMillis() == 0) {
        return duration.toMillis() / one.toMillis() + unit.getKey();
      }
    }
    return duration.toMillis() + "ms";
  }

  private static String between(Duration min, Duration max) {
    return "must be between " + format(min) + " and " + format(max);
  }
}
