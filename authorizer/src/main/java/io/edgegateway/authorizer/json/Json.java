package io.edgegateway.authorizer.json;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON this function reads and writes: IoT Core's event, {@code POLICY_GROUP_GRANTS}, the
 * response, its policy documents and the log lines. Written here rather than taken from a library because
 * a JSON library's first use costs a cold start tens of milliseconds of class loading (jackson-jr: about
 * 40 ms on a 2-core machine), and this is two small classes.
 * <p>
 * Reading is strict RFC 8259 for what it reads: objects, arrays, strings, numbers, {@code true},
 * {@code false}, {@code null}; no comments, no single quotes, no unquoted names, no trailing commas, no
 * leading zeros, no control characters in strings, no duplicate names in an object, at most
 * {@link #MAX_DEPTH} levels of nesting, and UTF-8 only (a UTF-8 byte order mark is skipped). Whatever
 * follows the top-level object is not read. Numbers become {@link Integer}, {@link Long} or
 * {@link BigInteger} when they are integers, else {@link Double}.
 * <p>
 * Writing takes maps with string keys, lists (and other iterables), strings, numbers and booleans;
 * entries of a map whose value is null are left out. Strings are escaped as JSON requires and no more:
 * {@code "}, {@code \} and the control characters; everything else is written as it is.
 */
public final class Json {
  public static final int MAX_DEPTH = 1000;

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /** A JSON object in UTF-8; null for the JSON {@code null}. */
  public static Map<String, Object> parseObject(byte[] utf8) throws JsonException {
    int offset = utf8.length >= 3 && (utf8[0] & 0xFF) == 0xEF && (utf8[1] & 0xFF) == 0xBB && (utf8[2] & 0xFF) == 0xBF
        ? 3 : 0;
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8, offset, utf8.length - offset))
          .toString();
    } catch (CharacterCodingException e) {
      throw new JsonException("not UTF-8");
    }
    return parseObject(text);
  }

  /** A JSON object; null for the JSON {@code null}. */
  public static Map<String, Object> parseObject(String json) throws JsonException {
    Json parser = new Json(json);
    parser.skipWhitespace();
    if (parser.pos >= json.length()) {
      throw new JsonException("no JSON value");
    }
    char first = json.charAt(parser.pos);
    if (first == 'n') {
      parser.literal("null");
      return null;
    }
    if (first != '{') {
      throw new JsonException("not a JSON object");
    }
    return parser.object(1);
  }

  private Object value(int depth) throws JsonException {
    skipWhitespace();
    if (pos >= text.length()) {
      throw error("a value");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("a value");
    }
  }

  private Map<String, Object> object(int depth) throws JsonException {
    checkDepth(depth);
    pos++; // {
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("a name");
      }
      String name = string();
      skipWhitespace();
      expect(':');
      Object value = value(depth);
      if (map.containsKey(name)) {
        throw new JsonException("duplicate name at " + pos);
      }
      map.put(name, value);
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw new JsonException("expected ',' or '}' at " + (pos - 1));
      }
    }
  }

  private List<Object> array(int depth) throws JsonException {
    checkDepth(depth);
    pos++; // [
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      list.add(value(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw new JsonException("expected ',' or ']' at " + (pos - 1));
      }
    }
  }

  private String string() throws JsonException {
    pos++; // "
    StringBuilder out = null;
    int start = pos;
    while (true) {
      if (pos >= text.length()) {
        throw new JsonException("unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        String s = out == null ? text.substring(start, pos) : out.append(text, start, pos).toString();
        pos++;
        return s;
      }
      if (c < 0x20) {
        throw new JsonException("control character in a string at " + pos);
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder();
      }
      out.append(text, start, pos);
      pos++;
      if (pos >= text.length()) {
        throw new JsonException("unterminated string");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw new JsonException("bad \\u escape");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
              throw new JsonException("bad \\u escape at " + pos);
            }
            code = code * 16 + digit;
          }
          pos += 4;
          out.append((char) code);
        }
        default -> throw new JsonException("bad escape at " + (pos - 1));
      }
      start = pos;
    }
  }

  private Object number() throws JsonException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    char c = peek();
    if (c == '0') {
      pos++;
    } else if (c >= '1' && c <= '9') {
      digits();
    } else {
      throw error("a digit");
    }
    boolean integer = true;
    if (peek() == '.') {
      pos++;
      integer = false;
      if (!isDigit(peek())) {
        throw error("a digit");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      integer = false;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("a digit");
      }
      digits();
    }
    String n = text.substring(start, pos);
    if (!integer) {
      return Double.valueOf(n);
    }
    if (n.length() <= 18) {
      long value = Long.parseLong(n);
      return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
    }
    BigInteger big = new BigInteger(n);
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void literal(String word) throws JsonException {
    if (!text.startsWith(word, pos)) {
      throw error("'" + word + "'");
    }
    pos += word.length();
  }

  private void expect(char c) throws JsonException {
    if (peek() != c) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  /** The character at the position; NUL past the end (a NUL in the text is never valid there either). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private static void checkDepth(int depth) throws JsonException {
    if (depth > MAX_DEPTH) {
      throw new JsonException("nested deeper than " + MAX_DEPTH);
    }
  }

  private JsonException error(String expected) {
    return new JsonException("expected " + expected + " at " + pos);
  }

  /** Compact JSON of a map, list, string, number or boolean (maps and lists nested any way). */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(out, value);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof CharSequence s) {
      string(out, s);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
      out.append(value);
    } else if (value instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("not a JSON number: " + d);
      }
      out.append(n);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (entry.getValue() == null) {
          continue;
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, String.valueOf(entry.getKey()));
        out.append(':');
        write(out, entry.getValue());
      }
      out.append('}');
    } else if (value instanceof Iterable<?> list) {
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(out, item);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static void string(StringBuilder out, CharSequence s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
