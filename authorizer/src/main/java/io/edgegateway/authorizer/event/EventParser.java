package io.edgegateway.authorizer.event;

import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.json.Json;
import io.edgegateway.authorizer.json.JsonException;
import java.util.Map;
import java.util.Optional;

/**
 * Parses IoT Core's custom-authorizer event (JSON) into an {@link AuthorizerEvent}. Unknown fields are
 * ignored, as IoT Core may add some; a known field of the wrong type denies.
 */
public final class EventParser {
  /** An MQTT CONNECT is at most 256 MiB, but IoT Core's events are small; anything larger is not one. */
  public static final int MAX_EVENT_BYTES = 256 * 1024;

  private EventParser() {
  }

  public static AuthorizerEvent parse(byte[] json) throws Denied {
    try {
      return read(json);
    } catch (WrongType e) {
      throw new Denied(DenialReason.EVENT_MALFORMED, "field '" + e.getMessage() + "' has the wrong type");
    }
  }

  private static AuthorizerEvent read(byte[] json) throws Denied {
    if (json.length > MAX_EVENT_BYTES) {
      throw new Denied(DenialReason.EVENT_TOO_LARGE, json.length + " bytes");
    }
    Map<String, Object> root;
    try {
      root = Json.parseObject(json);
    } catch (JsonException | RuntimeException e) {
      throw new Denied(DenialReason.EVENT_MALFORMED, "not a JSON object");
    }
    if (root == null) {
      throw new Denied(DenialReason.EVENT_MALFORMED, "not a JSON object");
    }
    Optional<String> connectionId = object(root, "connectionMetadata").flatMap(m -> string(m, "id"));
    Optional<Map<String, Object>> protocolData = object(root, "protocolData");
    Optional<String> serverName = protocolData.flatMap(p -> object(p, "tls")).flatMap(t -> string(t, "serverName"));
    Optional<Map<String, Object>> mqtt = protocolData.flatMap(p -> object(p, "mqtt"));
    Optional<AuthorizerEvent.Mqtt> mqttFields = mqtt.map(m -> new AuthorizerEvent.Mqtt(
        string(m, "username"), string(m, "password"), string(m, "clientId")));
    return new AuthorizerEvent(connectionId, serverName, mqttFields);
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> object(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map) {
      return Optional.of((Map<String, Object>) value);
    }
    throw new WrongType(key);
  }

  private static Optional<String> string(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String s) {
      return Optional.of(s);
    }
    throw new WrongType(key);
  }

  /** Unchecked so that it can leave the lambdas above; {@link #parse} turns it into a denial. */
  private static final class WrongType extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WrongType(String key) {
      super(key, null, false, false);
    }
  }
}
