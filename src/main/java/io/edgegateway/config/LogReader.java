package io.edgegateway.config;

import java.util.List;

/** Reads the {@code log} section into {@link LogConfig}. */
final class LogReader {

  static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");

  private LogReader() {
  }

  static LogConfig read(ConfigSection section, ReadContext context) {
    return new LogConfig(new SettingReader(section, context).choice("level", "info", LEVELS));
  }
}
