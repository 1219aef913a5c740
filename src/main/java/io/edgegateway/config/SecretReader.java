package io.edgegateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a secret that one of three keys gives: {@code <name>File} (a file, see {@link SecretFiles}),
 * {@code <name>Env} (the name of an environment variable holding it) or {@code <name>} itself (inline,
 * which works but earns a warning when written in the file). At most one may be set. The inline key is
 * marked secret, so no message ever shows its value; nor does any message show a file's content or a
 * variable's value.
 */
final class SecretReader {

  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private SecretReader() {
  }

  /**
   * @param name the inline key, such as {@code password}
   * @param what what the secret is, for warnings ("the Cognito password")
   * @return the secret, or null when no key is set or the one set is wrong (reported)
   */
  static Secret read(ConfigSection section, String name, String what, ReadContext context) {
    section.markSecret(name);
    String fileKey = name + "File";
    String envKey = name + "Env";
    List<String> set = new ArrayList<>();
    for (String key : List.of(fileKey, envKey, name)) {
      if (section.isSet(key)) {
        set.add(key);
      }
    }
    if (set.size() > 1) {
      for (String key : set.subList(1, set.size())) {
        section.fail(key);
        context.problem(section.originOf(key), section.pathOf(key), "set only one of " + fileKey + ", " + envKey
            + " and " + name + "; " + set.get(0) + " is already set");
      }
      return null;
    }
    SettingReader r = new SettingReader(section, context);
    Secret fromFile = r.parsed(fileKey, null, text -> SecretFiles.read(text, context.environment()));
    Secret fromEnv = r.parsed(envKey, null, text -> fromVariable(text, context));
    Secret inline = inline(section, name, what, context);
    return fromFile != null ? fromFile : fromEnv != null ? fromEnv : inline;
  }

  /** Whether one of the keys is set or failed: the secret was given, even if wrongly. */
  static boolean given(ConfigSection section, String name) {
    for (String key : List.of(name + "File", name + "Env", name)) {
      if (section.isSet(key) || section.failed(key)) {
        return true;
      }
    }
    return false;
  }

  private static Secret fromVariable(String text, ReadContext context) throws InvalidValueException {
    String variable = text.strip();
    if (!VARIABLE.matcher(variable).matches()) {
      throw InvalidValueException.malformed("must be the name of an environment variable");
    }
    if (variable.startsWith(EnvironmentNames.PREFIX)) {
      throw InvalidValueException.stated("names " + variable + ", but " + EnvironmentNames.PREFIX
          + "* variables name configuration keys; choose another name, such as COGNITO_PASSWORD");
    }
    String value = context.environment().get(variable);
    if (value == null) {
      throw InvalidValueException.stated("names the environment variable " + variable + ", which is not set");
    }
    if (value.isEmpty()) {
      throw InvalidValueException.stated("names the environment variable " + variable + ", which is empty");
    }
    return new Secret("environment " + variable, value);
  }

  private static Secret inline(ConfigSection section, String name, String what, ReadContext context) {
    ConfigValue value = section.value(name);
    if (value == null) {
      return null;
    }
    Origin origin = value.origin();
    if (origin.environment()) {
      return new Secret("environment " + origin.source(), value.text());
    }
    context.warn(origin, value.path(), what + " is written in the configuration file, where anyone who can read "
        + "the file can read it; prefer " + name + "File (with systemd LoadCredential=) or " + name + "Env");
    return new Secret("configuration file " + origin.source() + (origin.line() > 0 ? " line " + origin.line() : ""),
        value.text());
  }
}
