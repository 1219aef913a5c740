package io.edgegateway.authorizer;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Custom-authorizer events shaped as IoT Core sends them for an MQTT CONNECT. */
public final class Events {
  public static final String CONNECTION_ID = "5f3d7c9e-1b2a-4c8d-9e0f-123456789abc";
  public static final String SDK_SUFFIX = "?x-amz-customauthorizer-name=EdgeGatewayAuthorizer&SDK=JavaV2&Version=1.30.1";

  private Events() {
  }

  /** The username as the Java device SDK sends it (with its query string), the password in base64 of UTF-8. */
  public static byte[] mqtt(String username, String password, String clientId) {
    return mqttRaw(username + SDK_SUFFIX,
        password == null ? null : Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)),
        clientId);
  }

  /** Fields exactly as given; a null field is left out, as IoT Core leaves out what does not apply. */
  public static byte[] mqttRaw(String username, String passwordBase64, String clientId) {
    Map<String, Object> mqtt = new LinkedHashMap<>();
    if (username != null) {
      mqtt.put("username", username);
    }
    if (passwordBase64 != null) {
      mqtt.put("password", passwordBase64);
    }
    if (clientId != null) {
      mqtt.put("clientId", clientId);
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("token", "");
    event.put("signatureVerified", false);
    event.put("protocols", List.of("tls", "mqtt"));
    event.put("protocolData", Map.of("tls", Map.of("serverName", "abc123-ats.iot.eu-west-1.amazonaws.com"),
        "mqtt", mqtt));
    event.put("connectionMetadata", Map.of("id", CONNECTION_ID));
    return json(event);
  }

  public static byte[] json(Object value) {
    try {
      return JSON.std.asBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Map<String, Object> parse(byte[] json) {
    try {
      return JSON.std.mapFrom(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Map<String, Object> parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
