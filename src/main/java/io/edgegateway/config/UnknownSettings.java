package io.edgegateway.config;

import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * After reading, reports what no reader asked for: keys in the file, and {@code EDGE_GATEWAY_*}
 * environment variables (other than the launcher's reserved ones). A typo must not silently leave a
 * setting at its default.
 */
final class UnknownSettings {

  private static final Pattern INDEX = Pattern.compile("([0-9]+)(_.*)?");

  private UnknownSettings() {
  }

  static void report(ReadContext context) {
    context.sections().forEach(ConfigSection::reportUnknownKeys);
    for (String name : new TreeSet<>(context.environment().keySet())) {
      if (name.startsWith(EnvironmentNames.PREFIX)
          && !EnvironmentNames.RESERVED.contains(name)
          && !context.knownVariables().contains(name)) {
        context.problem(Origin.environment(name), "", explain(name, context));
      }
    }
  }

  private static String explain(String name, ReadContext context) {
    String container = context.containerVariables().get(name);
    if (container != null) {
      return "names " + container + ", which holds several settings; set them one by one"
          + example(name + "_", context).map(e -> ", such as " + e).orElse("");
    }
    for (ReadContext.ListInfo list : context.lists()) {
      if (!name.startsWith(list.variable() + "_")) {
        continue;
      }
      Matcher m = INDEX.matcher(name.substring(list.variable().length() + 1));
      if (m.matches() && Long.parseLong(m.group(1)) >= list.size()) {
        return list.path() + "[" + m.group(1) + "] does not exist: " + list.path() + " has " + list.size()
            + (list.size() == 1 ? " element" : " elements")
            + ", and environment variables can only override elements that exist";
      }
    }
    return "names no configuration setting"
        + Suggestions.closest(name, context.knownVariables()).map(s -> "; did you mean " + s + "?").orElse("");
  }

  private static Optional<String> example(String prefix, ReadContext context) {
    return context.knownVariables().stream().filter(v -> v.startsWith(prefix)).findFirst();
  }
}
