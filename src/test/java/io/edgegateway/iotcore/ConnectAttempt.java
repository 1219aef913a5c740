package io.edgegateway.iotcore;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Optional;

/**
 * What IoT Core knows about a CONNECT when it asks the authorizer, and the event it sends, built as IoT
 * Core builds it: no {@code token} (MQTT custom auth carries none), {@code signatureVerified} false,
 * {@code protocols} tls and mqtt, the SNI name, the username as sent, the password base64-encoded, the
 * client id only when the client sent one, and a fresh connection id. Absent values are left out.
 */
public record ConnectAttempt(
    String connectionId,
    Optional<String> serverName,
    Optional<String> username,
    Optional<byte[]> password,
    Optional<String> clientId) {

  public JsonObject event() {
    JsonObject mqtt = new JsonObject();
    username.ifPresent(u -> mqtt.put("username", u));
    password.ifPresent(p -> mqtt.put("password", Base64.getEncoder().encodeToString(p)));
    clientId.ifPresent(c -> mqtt.put("clientId", c));
    JsonObject tls = new JsonObject();
    serverName.ifPresent(s -> tls.put("serverName", s));
    return new JsonObject()
        .put("signatureVerified", false)
        .put("protocols", new JsonArray().add("tls").add("mqtt"))
        .put("protocolData", new JsonObject().put("tls", tls).put("mqtt", mqtt))
        .put("connectionMetadata", new JsonObject().put("id", connectionId));
  }

  @Override
  public String toString() {
    return "ConnectAttempt[" + connectionId + ", serverName=" + serverName + ", username=" + username
        + ", clientId=" + clientId + "]";
  }
}
