package io.edgegateway.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Parses YAML text into snakeyaml-engine's node tree, which keeps each node's line. Values are not
 * constructed into Java objects: the section readers interpret each scalar as its key's type. The
 * YAML 1.2 core schema decides what is null ({@code ~}, {@code null}, an empty value).
 */
final class YamlDocument {

  private YamlDocument() {
  }

  /** The document's root node (empty for an empty document), or empty with a problem reported. */
  static Optional<Node> compose(String yaml, ReadContext context) {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(context.sourceName())
        .setSchema(new CoreSchema())
        .setUseMarks(true)
        .build();
    try {
      return new Compose(settings).composeString(yaml);
    } catch (MarkedYamlEngineException e) {
      context.problem(origin(e.getProblemMark(), context), "", "YAML syntax error: " + describe(e));
    } catch (YamlEngineException e) {
      context.problem(context.source(), "", "YAML error: " + firstLine(e.getMessage()));
    }
    return Optional.empty();
  }

  private static String describe(MarkedYamlEngineException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem().strip();
    String where = e.getContext() == null || e.getContext().isBlank() ? ""
        : " (" + e.getContext().strip() + e.getContextMark().map(m -> " at line " + (m.getLine() + 1)).orElse("")
            + ")";
    if (problem.equals("but found another document")) {
      return "a configuration file holds one YAML document, but another one starts here";
    }
    return problem + where;
  }

  private static Origin origin(Optional<Mark> mark, ReadContext context) {
    return mark.isPresent() ? context.at(mark) : context.source();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
