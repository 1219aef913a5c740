package io.edgegateway.authorizer.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of environment variables. A variable that is unset or blank counts as unset (SAM passes
 * an empty string for an optional parameter left empty). Every error names the variable.
 */
final class EnvReader {
  /** The value of a list variable that means "no entries" (an empty value means "the default"). */
  static final String NONE = "none";

  private final Map<String, String> env;

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  Optional<String> optional(String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.strip());
  }

  String required(String name) throws ConfigException {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      throw new ConfigException(name + " is required and not set");
    }
    return value.get();
  }

  int intInRange(String name, int defaultValue, int min, int max) throws ConfigException {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number from " + min + " to " + max
          + ", not '" + value.get() + "'");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(name + " must be from " + min + " to " + max + ", not " + parsed);
    }
    return parsed;
  }

  /** A comma-separated list; {@value #NONE} is the empty list; unset is the default. */
  List<String> list(String name, List<String> defaultValue) throws ConfigException {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    if (value.get().equals(NONE)) {
      return List.of();
    }
    List<String> entries = new ArrayList<>();
    for (String entry : value.get().split(",", -1)) {
      String stripped = entry.strip();
      if (stripped.isEmpty()) {
        throw new ConfigException(name + " has an empty entry: '" + value.get() + "'");
      }
      entries.add(stripped);
    }
    return entries;
  }
}
