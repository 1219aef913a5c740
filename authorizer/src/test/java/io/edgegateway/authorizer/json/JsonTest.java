package io.edgegateway.authorizer.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The function's own JSON, compared with jackson-jr (which it replaces) where both accept the input. */
class JsonTest {
  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":1,\"a\":2}", "[1]", "1", "\"s\"", "", "  ", "true", "{\"a\":\"x\ty\"}", "{\"a\":01}",
      "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":+1}", "{\"a\":NaN}", "{/*c*/\"a\":1}", "{'a':1}", "{a:1}",
      "{\"a\":[1,]}", "{\"a\":1,}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\"}",
      "{\"a\":1", "{\"a\":\"b", "{\"a\":[1", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{,}", "{\"a\":1e}", "{\"a\":1e+}",
      "{\"a\":-01}", "{\"a\":[1 2]}", "{\"a\":\"\\"})
  void refusesWhatJacksonJrRefuses(String json) {
    assertThatThrownBy(() -> Json.parseObject(json)).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> JSON.std.mapFrom(json)).as("jackson-jr too").isInstanceOf(Exception.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", " {\"a\" : 1 } ", "{\"a\":1} trailing is not read", "{\"a\":{\"b\":[1,2,{\"c\":null}]}}",
      "{\"a\":true,\"b\":null,\"c\":1.5,\"d\":12345678901234,\"e\":123456789012345678901234567890,\"f\":-0,\"g\":1E+2,"
          + "\"h\":-2147483648,\"i\":2147483648,\"j\":-9223372036854775808,\"k\":9223372036854775808,\"l\":0.1e-3}",
      "{\"a\":\"\\u00e9\\n\\t\\\"\\\\\\/\\b\\f\\r\\ud83d\\ude00\\ud800\"}", "{\"\":\"\",\"é€😀\":\"\\u0000\"}",
      "\t\r\n{\"a\":[]}"})
  void readsWhatJacksonJrReadsTheSameWay(String json) throws Exception {
    Map<String, Object> ours = Json.parseObject(json);
    Map<String, Object> theirs = JSON.std.mapFrom(json);
    assertThat(ours).isEqualTo(theirs);
    assertThat(types(ours)).isEqualTo(types(theirs));
  }

  @Test
  void nullIsNoObject() throws Exception {
    assertThat(Json.parseObject("null")).isNull();
    assertThat(Json.parseObject(" null ".getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void bytesAreUtf8WithAnOptionalByteOrderMark() throws Exception {
    assertThat(Json.parseObject("\uFEFF{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8))).containsEntry("a", "é");
    assertThatThrownBy(() -> Json.parseObject(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}))
        .isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> Json.parseObject(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'}))
        .isInstanceOf(JsonException.class);
  }

  @Test
  void nestingIsLimited() throws Exception {
    assertThat(Json.parseObject(nested(Json.MAX_DEPTH))).isNotNull();
    assertThatThrownBy(() -> Json.parseObject(nested(Json.MAX_DEPTH + 1))).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> Json.parseObject(nested(100_000))).isInstanceOf(JsonException.class);
    String arrays = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThatThrownBy(() -> Json.parseObject(arrays)).isInstanceOf(JsonException.class);
  }

  private static String nested(int depth) {
    return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
  }

  @Test
  void writesEveryCharacterAsJacksonJrDoes() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x800; c++) {
      all.append(c);
    }
    all.append("\u2028\u2029\ud83d\ude00\ud800\uffff");
    Map<String, Object> map = Map.of("k\n\"", all.toString());
    assertThat(Json.write(map)).isEqualTo(JSON.std.asString(map));
  }

  @Test
  void writesStructuresAsJacksonJrDoesAndLeavesNullEntriesOut() throws Exception {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", true);
    map.put("n", null);
    map.put("i", 5);
    map.put("l", -5_000_000_000L);
    map.put("big", new BigInteger("123456789012345678901234567890"));
    map.put("list", List.of("x", 1, List.of(), Map.of()));
    map.put("m", Map.of("k", "v"));
    map.put("empty", "");
    assertThat(Json.write(map)).isEqualTo(JSON.std.asString(map))
        .isEqualTo("{\"b\":true,\"i\":5,\"l\":-5000000000,\"big\":123456789012345678901234567890,"
            + "\"list\":[\"x\",1,[],{}],\"m\":{\"k\":\"v\"},\"empty\":\"\"}");
  }

  @Test
  void randomDocumentsReadAndWriteAsWithJacksonJr() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      Map<String, Object> document = randomObject(random, 0);
      String theirs = JSON.std.asString(document);
      assertThat(Json.write(document)).isEqualTo(theirs);
      assertThat(Json.parseObject(theirs.getBytes(StandardCharsets.UTF_8))).isEqualTo(JSON.std.mapFrom(theirs));
    }
  }

  private static Map<String, Object> randomObject(Random random, int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      map.put(randomString(random), randomValue(random, depth + 1));
    }
    return map;
  }

  private static Object randomValue(Random random, int depth) {
    switch (depth > 4 ? random.nextInt(4) : random.nextInt(6)) {
      case 0:
        return randomString(random);
      case 1:
        return random.nextBoolean() ? random.nextInt() : random.nextLong();
      case 2:
        return random.nextBoolean();
      case 3:
        return random.nextInt(3) == 0 ? "" : randomString(random);
      case 4: {
        List<Object> list = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          list.add(randomValue(random, depth + 1));
        }
        return list;
      }
      default:
        return randomObject(random, depth);
    }
  }

  private static String randomString(Random random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(4);
      s.append(kind == 0 ? (char) random.nextInt(0x20) : kind == 1 ? (char) (0x20 + random.nextInt(0x60))
          : kind == 2 ? (char) (0x80 + random.nextInt(0x2000)) : "\"\\/".charAt(random.nextInt(3)));
    }
    return s.toString();
  }

  private static List<String> types(Object value) {
    List<String> out = new ArrayList<>();
    collect(value, out);
    return out;
  }

  private static void collect(Object value, List<String> out) {
    out.add(value == null ? "null" : value instanceof Map ? "Map" : value instanceof List ? "List"
        : value.getClass().getSimpleName());
    if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> collect(v, out));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collect(v, out));
    }
  }
}
