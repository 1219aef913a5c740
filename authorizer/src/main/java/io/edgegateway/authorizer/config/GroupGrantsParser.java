package io.edgegateway.authorizer.config;

import io.edgegateway.authorizer.json.Json;
import io.edgegateway.authorizer.json.JsonException;
import io.edgegateway.authorizer.policy.Grants;
import io.edgegateway.authorizer.policy.ResourceTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code POLICY_GROUP_GRANTS}: a JSON object from Cognito group name to extra grants, e.g.
 * <pre>{"fleet-admins":{"publish":["fleet/*"],"subscribe":["fleet/*"],"receive":["fleet/*"]}}</pre>
 * Keys of a grant: {@code clientIds}, {@code publish}, {@code receive}, {@code subscribe},
 * {@code retainPublish}; each a list of resource patterns. Unknown keys are errors.
 */
final class GroupGrantsParser {
  private static final Set<String> KEYS = Set.of("clientIds", "publish", "receive", "subscribe", "retainPublish");

  private GroupGrantsParser() {
  }

  static Map<String, Grants> parse(String variable, String json) throws ConfigException {
    Map<String, Object> root;
    try {
      root = Json.parseObject(json);
    } catch (JsonException | RuntimeException e) {
      throw new ConfigException(variable + " is not a JSON object: " + firstLine(e.getMessage()));
    }
    if (root == null) {
      throw new ConfigException(variable + " is not a JSON object");
    }
    Map<String, Grants> result = new LinkedHashMap<>();
    for (Map.Entry<String, Object> group : root.entrySet()) {
      String where = variable + " group '" + group.getKey() + "'";
      if (group.getKey().isEmpty()) {
        throw new ConfigException(variable + " has an empty group name");
      }
      if (!(group.getValue() instanceof Map<?, ?> grant)) {
        throw new ConfigException(where + " must be an object");
      }
      for (Object key : grant.keySet()) {
        if (!KEYS.contains(key)) {
          throw new ConfigException(where + " has an unknown key '" + key + "' (known: " + KEYS + ")");
        }
      }
      result.put(group.getKey(), new Grants(
          templates(where, grant.get("clientIds")), templates(where, grant.get("publish")),
          templates(where, grant.get("receive")), templates(where, grant.get("subscribe")),
          templates(where, grant.get("retainPublish"))));
    }
    return result;
  }

  private static List<ResourceTemplate> templates(String where, Object value) throws ConfigException {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new ConfigException(where + ": each grant must be a list of strings");
    }
    List<ResourceTemplate> templates = new ArrayList<>();
    for (Object entry : list) {
      if (!(entry instanceof String text)) {
        throw new ConfigException(where + ": each grant must be a list of strings");
      }
      try {
        templates.add(ResourceTemplate.of(text));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + ": " + e.getMessage());
      }
    }
    return templates;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
