package io.edgegateway.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads and validates the gateway's YAML configuration, with environment variable overrides.
 *
 * <p>Every key has a default, so an empty file is a valid configuration. Any key can be overridden by
 * an environment variable named {@code EDGE_GATEWAY_} plus the key's path in UPPER_SNAKE, list indices
 * as numbers ({@code EDGE_GATEWAY_LISTENERS_0_PORT}); the variable wins over the file.
 *
 * <p>Nothing is ignored: unknown keys, unknown {@code EDGE_GATEWAY_*} variables, duplicate keys, wrong
 * types and out-of-range values are all errors. All problems found are reported together in one
 * {@link ConfigException}, one per line, each as {@code <source>:<line>: <key path>: <what is wrong>}
 * or {@code environment <VARIABLE>: <key path>: <what is wrong>}.
 *
 * <p>Secrets (the upstream password, a Cognito app client secret) come from a file, an environment
 * variable or the configuration itself; a relative secret file name is looked up first in the
 * directory named by {@code CREDENTIALS_DIRECTORY} in {@code environment} (systemd's
 * {@code LoadCredential=}), then in the working directory.
 *
 * <p>See {@code docs/CONFIGURATION.md} for every key.
 */
public final class ConfigLoader {

  /** Prefix of the environment variables that override configuration keys. */
  public static final String ENVIRONMENT_PREFIX = EnvironmentNames.PREFIX;

  /**
   * Variables with {@link #ENVIRONMENT_PREFIX} that belong to the launcher, not to the configuration:
   * {@code EDGE_GATEWAY_CONFIG} (the configuration file) and {@code EDGE_GATEWAY_OPTS} (JVM options).
   * The loader ignores them; any other unknown {@code EDGE_GATEWAY_*} variable is an error.
   */
  public static final Set<String> RESERVED_ENVIRONMENT_VARIABLES = EnvironmentNames.RESERVED;

  private ConfigLoader() {
  }

  /**
   * Reads a configuration file (UTF-8) and applies the environment's overrides.
   *
   * @param file        the YAML file; relative paths inside it resolve against the working directory
   * @param environment usually {@link System#getenv()}
   * @throws ConfigException when the file cannot be read or the configuration is invalid
   */
  public static GatewayConfig load(Path file, Map<String, String> environment) {
    return loadWithWarnings(file, environment).config();
  }

  /**
   * Like {@link #load}, and also returns the warnings, which the caller should log: a configuration
   * can be valid and still deserve attention (a password written in the file, inactive rules).
   */
  public static LoadedConfig loadWithWarnings(Path file, Map<String, String> environment) {
    Objects.requireNonNull(file, "file");
    return parseWithWarnings(read(file), file.toString(), environment);
  }

  /**
   * Parses configuration text and applies the environment's overrides.
   *
   * @param yaml        the YAML text; empty text gives the default configuration
   * @param sourceName  how messages name the text, usually the file's path
   * @param environment usually {@link System#getenv()}
   * @throws ConfigException listing every problem found, one per line
   */
  public static GatewayConfig parse(String yaml, String sourceName, Map<String, String> environment) {
    return parseWithWarnings(yaml, sourceName, environment).config();
  }

  /** Like {@link #parse}, and also returns the warnings. */
  public static LoadedConfig parseWithWarnings(String yaml, String sourceName, Map<String, String> environment) {
    Objects.requireNonNull(yaml, "yaml");
    ReadContext context = new ReadContext(Objects.requireNonNull(sourceName, "sourceName"),
        Objects.requireNonNull(environment, "environment"));
    Optional<Node> document = YamlDocument.compose(yaml, context);
    context.problems().throwIfAny();
    ConfigSection root = ConfigSection.root(context, document);
    GatewayConfig config = GatewayConfigReader.read(root, context);
    UnknownSettings.report(context);
    context.problems().throwIfAny();
    return new LoadedConfig(config, context.warnings());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      String where = file.isAbsolute() ? "" : " (working directory: " + Path.of("").toAbsolutePath() + ")";
      throw new ConfigException(file + ": configuration file not found" + where, e);
    } catch (AccessDeniedException e) {
      throw new ConfigException(file + ": cannot read the configuration file: permission denied", e);
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + ": the configuration file is not valid UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the configuration file: " + e.getMessage(), e);
    }
  }
}
