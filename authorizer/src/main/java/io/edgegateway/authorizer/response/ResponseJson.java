package io.edgegateway.authorizer.response;

import io.edgegateway.authorizer.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes an {@link AuthorizerResponse} as the JSON IoT Core reads; the policy documents are JSON strings. */
public final class ResponseJson {
  private ResponseJson() {
  }

  public static String toJson(AuthorizerResponse response) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("isAuthenticated", response.isAuthenticated());
    json.put("principalId", response.principalId());
    json.put("disconnectAfterInSeconds", response.disconnectAfterInSeconds());
    json.put("refreshAfterInSeconds", response.refreshAfterInSeconds());
    json.put("policyDocuments", response.policyDocuments());
    return Json.write(json);
  }

  public static byte[] toBytes(AuthorizerResponse response) {
    return toJson(response).getBytes(StandardCharsets.UTF_8);
  }

  /** The deny answer, written without any library, for when everything else has failed. */
  public static final String DENY_JSON = "{\"isAuthenticated\":false,\"principalId\":\"denied\","
      + "\"disconnectAfterInSeconds\":300,\"refreshAfterInSeconds\":300,\"policyDocuments\":[]}";
}
