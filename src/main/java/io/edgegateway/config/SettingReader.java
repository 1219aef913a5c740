package io.edgegateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Typed access to the keys of one {@link ConfigSection}: each getter returns the key's value, or the
 * default when the key is absent. A value that does not parse is reported with its path and origin,
 * the key is marked failed, and the getter returns the default so reading can go on and find more
 * problems in the same pass. The configuration is never built when a problem was reported.
 */
final class SettingReader {

  /** Parses the text of one value. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(String text) throws InvalidValueException;
  }

  private final ConfigSection section;
  private final ReadContext context;

  SettingReader(ConfigSection section, ReadContext context) {
    this.section = section;
    this.context = context;
  }

  int integer(String key, int defaultValue, int min, int max) {
    return read(key, defaultValue, text -> (int) Scalars.integer(text, min, max));
  }

  boolean bool(String key, boolean defaultValue) {
    return read(key, defaultValue, Scalars::bool);
  }

  /** A byte size ({@link Sizes}), at most {@link Integer#MAX_VALUE}. */
  int size(String key, int defaultValue, int min, int max) {
    return read(key, defaultValue, text -> (int) Sizes.parse(text, min, max));
  }

  /** A duration with a unit ({@link Durations}). */
  Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
    return read(key, defaultValue, text -> Durations.parse(text, min, max));
  }

  /** One of {@code choices}, in lower case. */
  String choice(String key, String defaultValue, List<String> choices) {
    return read(key, defaultValue, text -> Scalars.choice(text, choices));
  }

  /** A string matching {@code pattern}; {@code requirement} says what it must be when it does not. */
  String string(String key, String defaultValue, Pattern pattern, String requirement) {
    return read(key, defaultValue, text -> {
      if (!pattern.matcher(text).matches()) {
        throw InvalidValueException.malformed(requirement);
      }
      return text;
    });
  }

  /** A bind address ({@link Hosts#check}). */
  String host(String key, String defaultValue) {
    return read(key, defaultValue, Hosts::check);
  }

  /** An existing, readable file, or null when the key is absent (or the file fails its checks). */
  Path file(String key) {
    return read(key, null, FileChecks::readableFile);
  }

  /** An existing, readable PEM file holding {@code kind}, or null when absent (or failing). */
  Path pemFile(String key, FileChecks.Pem kind) {
    return read(key, null, text -> {
      Path path = FileChecks.readableFile(text);
      FileChecks.pem(path, kind);
      return path;
    });
  }

  /** The text of a key as written (not stripped), or null when absent. */
  String text(String key) {
    ConfigValue value = section.value(key);
    return value == null ? null : value.text();
  }

  /** A value parsed by {@code parser}, with the same reporting as the typed getters. */
  <T> T parsed(String key, T defaultValue, Parser<T> parser) {
    return read(key, defaultValue, parser);
  }

  private <T> T read(String key, T defaultValue, Parser<T> parser) {
    ConfigValue value = section.value(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return parser.parse(value.text());
    } catch (InvalidValueException e) {
      section.fail(key);
      context.problem(value.origin(), value.path(), e.describe(value));
      return defaultValue;
    }
  }
}
