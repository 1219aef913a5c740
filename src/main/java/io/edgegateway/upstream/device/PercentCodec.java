package io.edgegateway.upstream.device;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of text fields, so that any username or client id (spaces, {@code :}, line breaks,
 * non-ASCII) fits in one space-separated field. Letters, digits and {@code -._~} stay as they are; every
 * other UTF-8 byte becomes {@code %XX}. Decoding is strict: anything else is refused.
 */
final class PercentCodec {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentCodec() {
  }

  static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (unreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * The text back.
   *
   * @throws IllegalArgumentException for a character that encoding never writes, a bad escape, or bytes
   *                                  that are not UTF-8
   */
  static String decode(String field) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '%') {
        int high = i + 2 < field.length() ? hex(field.charAt(i + 1)) : -1;
        int low = high < 0 ? -1 : hex(field.charAt(i + 2));
        if (low < 0) {
          throw new IllegalArgumentException("a bad %-escape");
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (unreserved(c)) {
        bytes.write(c);
      } else {
        throw new IllegalArgumentException("a character that must be %-encoded");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("%-escapes that are not UTF-8");
    }
  }

  /** Whether the text survives UTF-8 (no unpaired surrogate), hence a round trip. */
  static boolean encodable(String text) {
    return StandardCharsets.UTF_8.newEncoder().canEncode(text);
  }

  private static boolean unreserved(int c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static int hex(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }
}
