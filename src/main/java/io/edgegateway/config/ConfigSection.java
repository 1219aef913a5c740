package io.edgegateway.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One map of settings (the top level, a section such as {@code limits}, or a list element), read key by
 * key. An environment variable for a key wins over the file. The section remembers which keys were
 * read, so that {@link #reportUnknownKeys()} can flag the others, and which keys failed, so that
 * cross-field rules can skip them. A section absent from the file reads as empty: every key takes its
 * default unless an environment variable sets it.
 *
 * <p>A YAML null ({@code key:}, {@code key: ~}, {@code key: null}) reads as an absent key. Duplicate
 * keys are reported here: snakeyaml-engine refuses them only when it constructs Java objects, and the
 * gateway reads the node tree instead, because nodes carry line numbers.
 */
final class ConfigSection {

  private final ReadContext context;
  private final String path;
  private final String variable;
  private final Origin origin;
  private final boolean inFile;
  private boolean rejected;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> keysRead = new LinkedHashSet<>();
  private final Set<String> secretKeys = new HashSet<>();
  private final Set<String> failedKeys = new HashSet<>();
  private final Map<String, ConfigSection> children = new HashMap<>();
  private boolean setFromEnvironment;

  private ConfigSection(ReadContext context, String path, String variable, Origin origin, MappingNode node) {
    this.context = context;
    this.path = path;
    this.variable = variable;
    this.origin = origin;
    this.inFile = node != null;
    if (node != null) {
      index(node);
    }
    context.register(this);
  }

  /** The top level of a document; an empty document or a null reads as an empty top level. */
  static ConfigSection root(ReadContext context, Optional<Node> document) {
    MappingNode node = null;
    if (document.isPresent()) {
      Node top = document.get();
      if (top instanceof MappingNode map) {
        node = map;
      } else if (!isNull(top)) {
        context.problem(context.at(top.getStartMark()), "",
            "the top level must be a map of settings (key: value lines), got " + describe(top, false));
      }
    }
    return new ConfigSection(context, "", EnvironmentNames.ROOT, context.source(), node);
  }

  String path() {
    return path;
  }

  /** Where this section is written: its key's line, or the source when the file does not have it. */
  Origin origin() {
    return origin;
  }

  /** The dotted path of a key of this section. */
  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The environment variable that overrides a key of this section. */
  String variableOf(String key) {
    return EnvironmentNames.child(variable, key);
  }

  /** Whether the file has this section, or an environment variable set one of its keys. */
  boolean present() {
    return inFile || setFromEnvironment;
  }

  /**
   * Whether the file had something other than a map where this section belongs (already reported):
   * readers then skip the rules that would only repeat that problem.
   */
  boolean rejected() {
    return rejected;
  }

  /** Marks a key whose value must never appear in messages (passwords, tokens). */
  void markSecret(String key) {
    secretKeys.add(key);
  }

  /** Records that a key's value was rejected, so cross-field rules can leave it alone. */
  void fail(String key) {
    failedKeys.add(key);
  }

  boolean failed(String key) {
    return failedKeys.contains(key);
  }

  /** The scalar value of a key (environment first, then file), or null when absent or null. */
  ConfigValue value(String key) {
    keysRead.add(key);
    String name = variableOf(key);
    boolean secret = secretKeys.contains(key);
    Optional<String> fromEnvironment = context.variable(name);
    if (fromEnvironment.isPresent()) {
      String text = fromEnvironment.get();
      if (ReadContext.isNull(text)) {
        return null;
      }
      setFromEnvironment = true;
      return new ConfigValue(text, pathOf(key), Origin.environment(name), secret);
    }
    NodeTuple entry = entries.get(key);
    if (entry == null || isNull(entry.getValueNode())) {
      return null;
    }
    Node node = entry.getValueNode();
    if (node instanceof ScalarNode scalar) {
      return new ConfigValue(scalar.getValue(), pathOf(key), writtenAt(key), secret);
    }
    if (!failed(key)) {
      fail(key);
      context.problem(writtenAt(key), pathOf(key), "must be a single value, got " + describe(node, secret));
    }
    return null;
  }

  /** Whether a key has a value, from the environment or the file. */
  boolean isSet(String key) {
    return value(key) != null;
  }

  /** A nested section; never null: when absent (or not a map, which is reported) it reads as empty. */
  ConfigSection section(String key) {
    return children.computeIfAbsent(key, this::readSection);
  }

  private ConfigSection readSection(String key) {
    keysRead.add(key);
    context.registerContainer(variableOf(key), pathOf(key));
    NodeTuple entry = entries.get(key);
    MappingNode node = null;
    if (entry != null && entry.getValueNode() instanceof MappingNode map) {
      node = map;
    } else if (entry != null && !isNull(entry.getValueNode())) {
      fail(key);
      context.problem(writtenAt(key), pathOf(key),
          "must be a map of settings, got " + describe(entry.getValueNode(), secretKeys.contains(key)));
    }
    ConfigSection child = new ConfigSection(context, pathOf(key), variableOf(key), writtenAt(key), node);
    child.rejected = failed(key);
    return child;
  }

  /**
   * The elements of a list of maps. When the key is absent, {@code defaultSize} empty elements, which
   * take their defaults and environment overrides. A value that is not a list is reported and reads as
   * an empty list (with the key marked failed).
   */
  List<ConfigSection> list(String key, int defaultSize) {
    keysRead.add(key);
    String listVariable = variableOf(key);
    String listPath = pathOf(key);
    NodeTuple entry = entries.get(key);
    List<ConfigSection> elements = new ArrayList<>();
    if (entry == null || isNull(entry.getValueNode())) {
      for (int i = 0; i < defaultSize; i++) {
        elements.add(new ConfigSection(context, listPath + "[" + i + "]",
            EnvironmentNames.element(listVariable, i), writtenAt(key), null));
      }
    } else if (entry.getValueNode() instanceof SequenceNode sequence) {
      List<Node> nodes = sequence.getValue();
      for (int i = 0; i < nodes.size(); i++) {
        elements.add(element(listPath + "[" + i + "]", EnvironmentNames.element(listVariable, i), nodes.get(i)));
      }
    } else {
      fail(key);
      context.problem(writtenAt(key), listPath, "must be a list, got " + describe(entry.getValueNode(), false));
    }
    context.registerList(listVariable, listPath, elements.size());
    return elements;
  }

  private ConfigSection element(String elementPath, String elementVariable, Node node) {
    Origin at = context.at(node.getStartMark());
    if (node instanceof MappingNode map) {
      return new ConfigSection(context, elementPath, elementVariable, at, map);
    }
    context.problem(at, elementPath, "must be a map of settings, got " + describe(node, false));
    ConfigSection empty = new ConfigSection(context, elementPath, elementVariable, at, null);
    empty.rejected = true;
    return empty;
  }

  /** Where a key's value comes from: its variable, its line, or this section when it is absent. */
  Origin originOf(String key) {
    String name = variableOf(key);
    String text = context.environment().get(name);
    if (text != null && !ReadContext.isNull(text)) {
      return Origin.environment(name);
    }
    return writtenAt(key);
  }

  /** Where the file writes a key: its line, or this section's origin when the file does not have it. */
  Origin writtenAt(String key) {
    NodeTuple entry = entries.get(key);
    return entry == null ? origin : context.at(entry.getKeyNode().getStartMark());
  }

  /** Reports every key of the file's map that no reader asked for, suggesting a close known key. */
  void reportUnknownKeys() {
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      String key = entry.getKey();
      if (keysRead.contains(key)) {
        continue;
      }
      String hint = Suggestions.closest(key, keysRead)
          .map(known -> "; did you mean " + known + "?")
          .orElseGet(() -> keysRead.isEmpty() ? "" : "; known keys here: " + String.join(", ", keysRead));
      context.problem(context.at(entry.getValue().getKeyNode().getStartMark()), pathOf(key), "unknown key" + hint);
    }
  }

  private void index(MappingNode node) {
    Map<String, Origin> firstSeen = new HashMap<>();
    for (NodeTuple tuple : node.getValue()) {
      Node keyNode = tuple.getKeyNode();
      Origin at = context.at(keyNode.getStartMark());
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        context.problem(at, path, "keys must be plain names, got " + describe(keyNode, false));
        continue;
      }
      String key = scalarKey.getValue();
      Origin first = firstSeen.putIfAbsent(key, at);
      if (first != null) {
        context.problem(at, pathOf(key), "duplicate key; it is already set at line " + first.line());
        continue;
      }
      entries.put(key, tuple);
    }
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /** Describes a node for a message without revealing a secret scalar. */
  static String describe(Node node, boolean secret) {
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return secret ? "a hidden value" : "\"" + ((ScalarNode) node).getValue() + "\"";
  }
}
