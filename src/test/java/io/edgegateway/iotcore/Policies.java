package io.edgegateway.iotcore;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** IoT policy documents for tests, written as an operator would write them. */
public final class Policies {
  public static final String ARN = "arn:aws:iot:" + SimulatorOptions.DEFAULT_REGION + ":" + SimulatorOptions.DEFAULT_ACCOUNT
      + ":";

  private Policies() {
  }

  public static JsonObject statement(String effect, String action, String... resources) {
    return new JsonObject().put("Effect", effect).put("Action", action)
        .put("Resource", new JsonArray(List.of((Object[]) resources)));
  }

  public static String document(JsonObject... statements) {
    return new JsonObject().put("Version", "2012-10-17")
        .put("Statement", new JsonArray(List.of((Object[]) statements))).encode();
  }

  /** Connect as {@code ${iot:ClientId}} only; publish, receive and subscribe on the given topics/filters. */
  public static String device(String publish, String receive, String subscribe) {
    return document(
        statement("Allow", "iot:Connect", ARN + "client/${iot:ClientId}"),
        statement("Allow", "iot:Publish", ARN + "topic/" + publish),
        statement("Allow", "iot:Receive", ARN + "topic/" + receive),
        statement("Allow", "iot:Subscribe", ARN + "topicfilter/" + subscribe));
  }

  /** Everything on every resource. */
  public static String everything() {
    return document(statement("Allow", "iot:*", "*"));
  }
}
