package io.edgegateway.config;

import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes: a plain integer (bytes) or an integer with a binary suffix: {@code 512B}, {@code 128KiB},
 * {@code 1MiB}, {@code 2GiB}. Decimal suffixes such as {@code MB} are refused, since they are ambiguous.
 */
final class Sizes {

  private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*([A-Za-z]*)");
  private static final Map<String, Long> UNITS =
      Map.of("", 1L, "B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30);
  private static final String UNIT_LIST = "B, KiB, MiB or GiB";

  private Sizes() {
  }

  /** The number of bytes {@code text} denotes, between {@code min} and {@code max} inclusive. */
  static long parse(String text, long min, long max) throws InvalidValueException {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw InvalidValueException.malformed("must be a size: a number of bytes, or a number with " + UNIT_LIST);
    }
    Long unit = UNITS.get(m.group(2));
    if (unit == null) {
      throw InvalidValueException.malformed("unknown size unit \"" + m.group(2) + "\"; use " + UNIT_LIST);
    }
    BigInteger bytes = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unit));
    if (bytes.compareTo(BigInteger.valueOf(min)) < 0 || bytes.compareTo(BigInteger.valueOf(max)) > 0) {
      throw InvalidValueException.outOfRange("must be between " + format(min) + " and " + format(max));
    }
    return bytes.longValueExact();
  }

  /** The shortest exact way to write a size: {@code 128KiB}, {@code 1MiB}, {@code 268435455B}. */
  static String format(long bytes) {
    String[] names = {"GiB", "MiB", "KiB"};
    for (String name : names) {
      long unit = UNITS.get(name);
      if (bytes != 0 && bytes % unit == 0) {
        return bytes / unit + name;
      }
    }
    return bytes + "B";
  }
}
