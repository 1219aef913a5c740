package io.edgegateway.cli.doctor;

import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.crt.mqtt5.packets.ConnAckPacket.ConnectReasonCode;
import software.amazon.awssdk.crt.mqtt5.packets.PubAckPacket.PubAckReasonCode;
import software.amazon.awssdk.crt.mqtt5.packets.SubAckPacket.SubAckReasonCode;

/** MQTT 5 reason codes as people read them: {@code 0x87 not authorized}. */
final class Reasons {

  static final int NOT_AUTHORIZED = 0x87;
  static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
  static final int CLIENT_ID_NOT_VALID = 0x85;
  static final int QUOTA_EXCEEDED = 0x97;

  private Reasons() {
  }

  static String suback(int code) {
    return text(code, SubAckReasonCode::getEnumValueFromInteger);
  }

  static String puback(int code) {
    return text(code, PubAckReasonCode::getEnumValueFromInteger);
  }

  static String connack(int code) {
    return text(code, ConnectReasonCode::getEnumValueFromInteger);
  }

  /** The code of a {@link ConnectReasonCode} by its name, or -1. */
  static int connackCode(String name) {
    return code(name, ConnectReasonCode::valueOf, ConnectReasonCode::getValue);
  }

  private static <E extends Enum<E>> int code(String name, java.util.function.Function<String, E> parse,
      ToIntFunction<E> value) {
    try {
      return value.applyAsInt(parse.apply(name));
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static String text(int code, IntFunction<? extends Enum<?>> lookup) {
    String hex = String.format("0x%02X", code);
    try {
      Enum<?> e = lookup.apply(code);
      return e == null ? hex : hex + " " + e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    } catch (RuntimeException e) {
      return hex;
    }
  }
}
