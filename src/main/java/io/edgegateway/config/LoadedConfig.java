package io.edgegateway.config;

import java.util.List;

/**
 * A valid configuration and the warnings found while reading it (such as a password written in the
 * file, or rules that cannot apply). Each warning is one line in the form of an error message,
 * {@code <source>:<line>: <key path>: <what deserves attention>}, and never holds a secret's value: the
 * caller logs them.
 *
 * @param config   the configuration
 * @param warnings the warnings, file ones in line order, then environment ones
 */
public record LoadedConfig(GatewayConfig config, List<String> warnings) {

  public LoadedConfig {
    warnings = List.copyOf(warnings);
  }
}
