package io.edgegateway.authorizer.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.Events;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {

  @Test
  void readsTheFieldsOfAnMqttConnectEvent() throws Denied {
    // The documented event, with every field IoT Core can send.
    String json = """
                {"token":"aToken","signatureVerified":false,"protocols":["tls","http","mqtt"],
                 "protocolData":{"tls":{"serverName":"abc-ats.iot.eu-west-1.amazonaws.com"},
                   "http":{"headers":{"h":"v"},"queryString":"?a=b"},
                   "mqtt":{"username":"alice?SDK=JavaV2","password":"cGFzcw==","clientId":"alice-1"}},
                 "connectionMetadata":{"id":"e2f1c0a4-8d4b-4c1e-9a51-0f3f3b7c2d11"},
                 "someFutureField":{"x":[1,2]}}
                """;
    AuthorizerEvent event = EventParser.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(event.connectionId()).contains("e2f1c0a4-8d4b-4c1e-9a51-0f3f3b7c2d11");
    assertThat(event.serverName()).contains("abc-ats.iot.eu-west-1.amazonaws.com");
    assertThat(event.mqtt()).hasValueSatisfying(mqtt -> {
      assertThat(mqtt.username()).contains("alice?SDK=JavaV2");
      assertThat(mqtt.passwordBase64()).contains("cGFzcw==");
      assertThat(mqtt.clientId()).contains("alice-1");
    });
  }

  @Test
  void fieldsThatDoNotApplyAreEmpty() throws Denied {
    AuthorizerEvent event = EventParser.parse(Events.mqttRaw("alice", null, null));
    assertThat(event.mqtt()).hasValueSatisfying(mqtt -> {
      assertThat(mqtt.passwordBase64()).isEmpty();
      assertThat(mqtt.clientId()).isEmpty();
    });
    AuthorizerEvent bare = EventParser.parse("{}".getBytes(StandardCharsets.UTF_8));
    assertThat(bare.mqtt()).isEmpty();
    assertThat(bare.connectionId()).isEmpty();
  }

  @Test
  void httpRequestHasNoMqtt() throws Denied {
    String json = "{\"protocols\":[\"tls\",\"http\"],\"protocolData\":{\"http\":{\"headers\":{}}}}";
    assertThat(EventParser.parse(json.getBytes(StandardCharsets.UTF_8)).mqtt()).isEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[]", "null", "42", "\"text\"", "{\"a\":", "{\"protocolData\":{\"mqtt\":{}}"})
  void somethingThatIsNotAJsonObjectIsMalformed(String json) {
    assertDenied(json, DenialReason.EVENT_MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"protocolData\":{\"mqtt\":{\"username\":42}}}",
    "{\"protocolData\":{\"mqtt\":{\"password\":[\"x\"]}}}",
    "{\"protocolData\":{\"mqtt\":{\"clientId\":true}}}",
    "{\"protocolData\":{\"mqtt\":\"alice\"}}",
    "{\"protocolData\":[]}",
    "{\"connectionMetadata\":{\"id\":7}}"})
  void knownFieldOfTheWrongTypeIsMalformed(String json) {
    assertDenied(json, DenialReason.EVENT_MALFORMED);
  }

  @Test
  void oversizedEventDenies() {
    String json = "{\"pad\":\"" + "x".repeat(EventParser.MAX_EVENT_BYTES) + "\"}";
    assertDenied(json, DenialReason.EVENT_TOO_LARGE);
  }

  private static void assertDenied(String json, DenialReason reason) {
    assertThatThrownBy(() -> EventParser.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(Denied.class, denied -> assertThat(denied.reason()).isEqualTo(reason));
  }
}
