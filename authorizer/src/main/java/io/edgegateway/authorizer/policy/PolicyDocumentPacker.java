package io.edgegateway.authorizer.policy;

import io.edgegateway.authorizer.json.Json;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs Allow statements into IoT policy documents (JSON strings) that respect IoT Core's limits for a
 * custom authorizer: at most {@value #MAX_DOCUMENTS} documents of at most {@value #MAX_DOCUMENT_CHARS}
 * characters. Consecutive resources of one action share a statement; a document that would grow too
 * long is closed and the next one started.
 */
public final class PolicyDocumentPacker {
  public static final int MAX_DOCUMENTS = 10;
  public static final int MAX_DOCUMENT_CHARS = 2048;
  public static final String VERSION = "2012-10-17";

  /** One action on one resource ARN. */
  public record Permission(String action, String resource) {
  }

  private PolicyDocumentPacker() {
  }

  public static List<String> pack(List<Permission> permissions) throws Denied {
    return pack(permissions, MAX_DOCUMENTS, MAX_DOCUMENT_CHARS);
  }

  static List<String> pack(List<Permission> permissions, int maxDocuments, int maxChars) throws Denied {
    List<String> documents = new ArrayList<>();
    List<Statement> current = new ArrayList<>();
    for (Permission permission : permissions) {
      add(current, permission);
      if (toJson(current).length() > maxChars) {
        remove(current, permission);
        if (current.isEmpty()) {
          throw new Denied(DenialReason.POLICY_TOO_LARGE, "one statement is longer than " + maxChars);
        }
        documents.add(toJson(current));
        current.clear();
        add(current, permission);
        if (toJson(current).length() > maxChars) {
          throw new Denied(DenialReason.POLICY_TOO_LARGE, "one statement is longer than " + maxChars);
        }
      }
    }
    if (!current.isEmpty()) {
      documents.add(toJson(current));
    }
    if (documents.size() > maxDocuments) {
      throw new Denied(DenialReason.POLICY_TOO_LARGE, documents.size() + " documents of at most " + maxChars);
    }
    return List.copyOf(documents);
  }

  private record Statement(String action, List<String> resources) {
  }

  private static void add(List<Statement> statements, Permission permission) {
    Statement last = statements.isEmpty() ? null : statements.get(statements.size() - 1);
    if (last != null && last.action().equals(permission.action())) {
      last.resources().add(permission.resource());
    } else {
      List<String> resources = new ArrayList<>();
      resources.add(permission.resource());
      statements.add(new Statement(permission.action(), resources));
    }
  }

  private static void remove(List<Statement> statements, Permission permission) {
    Statement last = statements.get(statements.size() - 1);
    last.resources().remove(last.resources().size() - 1);
    if (last.resources().isEmpty()) {
      statements.remove(statements.size() - 1);
    }
  }

  private static String toJson(List<Statement> statements) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Statement statement : statements) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("Effect", "Allow");
      s.put("Action", statement.action());
      s.put("Resource", statement.resources());
      list.add(s);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("Version", VERSION);
    document.put("Statement", list);
    return Json.write(document);
  }
}
