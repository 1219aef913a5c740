package io.edgegateway.config;

import io.edgegateway.spool.Durability;
import io.edgegateway.spool.OverflowPolicy;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the {@code spool} section into {@link SpoolConfig}. The directory defaults to the first entry of
 * {@code STATE_DIRECTORY} (systemd's {@code StateDirectory=}) when the environment sets it, else
 * {@code state} in the working directory.
 */
final class SpoolReader {

  static final String STATE_DIRECTORY = "STATE_DIRECTORY";
  static final Path FALLBACK_DIRECTORY = Path.of("state");
  static final long MAX_MESSAGES = 1_000_000_000L;
  static final long MAX_BYTES = 1024L * LimitsReader.GIB;

  private SpoolReader() {
  }

  static SpoolConfig read(ConfigSection section, ReadContext context) {
    SettingReader r = new SettingReader(section, context);
    return new SpoolConfig(
        r.parsed("directory", defaultDirectory(context), SpoolReader::directory),
        r.parsed("maxMessages", 1_000_000L, text -> Scalars.integer(text, 1, MAX_MESSAGES)),
        r.parsed("maxBytes", 256L * LimitsReader.MIB, text -> Sizes.parse(text, LimitsReader.MIB, MAX_BYTES)),
        r.duration("timeToLive", Duration.ofDays(7), Duration.ZERO, Duration.ofDays(3650)),
        OverflowPolicy.parse(r.choice("overflow", "refuse-new", List.of("drop-oldest", "refuse-new"))),
        r.duration("qos0Delay", Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(10)),
        Durability.valueOf(r.choice("durability", "full", List.of("full", "normal")).toUpperCase(Locale.ROOT)));
  }

  /** {@code STATE_DIRECTORY}'s first entry (systemd separates several with ':'), else {@code state}. */
  static Path defaultDirectory(ReadContext context) {
    return Optional.ofNullable(context.environment().get(STATE_DIRECTORY))
        .map(value -> value.split(":", -1)[0].strip())
        .filter(first -> !first.isEmpty())
        .map(Path::of)
        .orElse(FALLBACK_DIRECTORY);
  }

  private static Path directory(String text) throws InvalidValueException {
    if (text.isBlank()) {
      throw InvalidValueException.malformed("must be a directory path");
    }
    try {
      return Path.of(text.strip());
    } catch (InvalidPathException e) {
      throw InvalidValueException.malformed("is not a valid path: " + e.getReason());
    }
  }
}
