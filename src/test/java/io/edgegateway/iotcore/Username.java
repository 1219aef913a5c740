package io.edgegateway.iotcore;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An MQTT username as IoT Core reads it for custom authentication: the name is everything up to the first
 * {@code ?} (all of it when there is none), the rest is a query whose {@code x-amz-customauthorizer-name}
 * picks the authorizer. The authorizer itself gets the username exactly as sent.
 */
public record Username(String sent, String name, Map<String, String> query) {
  public static final String AUTHORIZER_KEY = "x-amz-customauthorizer-name";

  public static Username parse(String sent) {
    int mark = sent.indexOf('?');
    if (mark < 0) {
      return new Username(sent, sent, Map.of());
    }
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : sent.substring(mark + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      query.putIfAbsent(decode(key), decode(value));
    }
    return new Username(sent, sent.substring(0, mark), Map.copyOf(query));
  }

  public Optional<String> authorizerName() {
    return Optional.ofNullable(query.get(AUTHORIZER_KEY)).filter(s -> !s.isEmpty());
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
