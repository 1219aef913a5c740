package io.edgegateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * State shared by the readers of one configuration: the source's name, the environment, the problems
 * found so far, and a registry of every section and environment variable the readers asked for, from
 * which unknown keys and unknown variables are found at the end.
 */
final class ReadContext {

  /** A list whose elements environment variables may address, and how many elements it has. */
  record ListInfo(String variable, String path, int size) {
  }

  private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

  private final String sourceName;
  private final Map<String, String> environment;
  private final Problems problems = new Problems();
  private final Problems warnings = new Problems();
  private final List<ConfigSection> sections = new ArrayList<>();
  private final Set<String> knownVariables = new LinkedHashSet<>();
  private final Map<String, String> containerVariables = new LinkedHashMap<>();
  private final List<ListInfo> lists = new ArrayList<>();

  ReadContext(String sourceName, Map<String, String> environment) {
    this.sourceName = sourceName;
    this.environment = Map.copyOf(environment);
  }

  String sourceName() {
    return sourceName;
  }

  Problems problems() {
    return problems;
  }

  void problem(Origin origin, String path, String message) {
    problems.add(origin, path, message);
  }

  /** Something that works but deserves the operator's attention; never a secret's value. */
  void warn(Origin origin, String path, String message) {
    warnings.add(origin, path, message);
  }

  /** The warnings, rendered like problems: file warnings in line order, then environment ones. */
  List<String> warnings() {
    return warnings.rendered();
  }

  /** The origin of a YAML node: its line in the source, when the parser recorded one. */
  Origin at(Optional<Mark> mark) {
    return mark.map(m -> Origin.file(sourceName, m.getLine() + 1)).orElseGet(() -> Origin.file(sourceName));
  }

  /** The whole source, without a line. */
  Origin source() {
    return Origin.file(sourceName);
  }

  /** Looks up the variable that overrides a scalar key, and remembers that the variable is known. */
  Optional<String> variable(String name) {
    knownVariables.add(name);
    return Optional.ofNullable(environment.get(name));
  }

  /** Whether an environment value reads as YAML null ({@code ""}, {@code ~}, {@code null}). */
  static boolean isNull(String text) {
    return Tag.NULL.equals(RESOLVER.resolve(text, true));
  }

  void register(ConfigSection section) {
    sections.add(section);
  }

  /** Remembers the variable prefix of a section or list, which is itself not a settable variable. */
  void registerContainer(String variable, String path) {
    containerVariables.putIfAbsent(variable, path);
  }

  void registerList(String variable, String path, int size) {
    registerContainer(variable, path);
    lists.add(new ListInfo(variable, path, size));
  }

  Map<String, String> environment() {
    return environment;
  }

  Set<String> knownVariables() {
    return knownVariables;
  }

  Map<String, String> containerVariables() {
    return containerVariables;
  }

  List<ListInfo> lists() {
    return lists;
  }

  List<ConfigSection> sections() {
    return sections;
  }
}
