package io.edgegateway.iotcore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy string ({@code Action} or {@code Resource}) compiled for matching: {@code *} matches any run of
 * characters, {@code ?} any one character, everything else (MQTT's {@code +} and {@code #} too) only itself.
 * Policy variables are substituted before matching and their values match literally; {@code ${*}},
 * {@code ${?}} and {@code ${$}} stand for the literal characters. A variable without a value (IoT Core gives
 * thing variables none under custom authentication) makes the pattern match nothing.
 */
final class WildcardPattern {
  private sealed interface Token permits Literal, AnyRun, AnyOne {
  }

  private record Literal(String text) implements Token {
  }

  private record AnyRun() implements Token {
  }

  private record AnyOne() implements Token {
  }

  private final List<Token> tokens;
  private final boolean ignoreCase;

  private WildcardPattern(List<Token> tokens, boolean ignoreCase) {
    this.tokens = tokens;
    this.ignoreCase = ignoreCase;
  }

  /** Empty when the pattern uses a variable that has no value. */
  static Optional<WildcardPattern> compile(String pattern, Map<String, String> variables, boolean ignoreCase) {
    List<Token> tokens = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '$' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
        int end = pattern.indexOf('}', i + 2);
        if (end < 0) {
          literal.append(pattern, i, pattern.length());
          break;
        }
        String name = pattern.substring(i + 2, end);
        String value = switch (name) {
          case "*", "?", "$" -> name;
          default -> variables.get(name);
        };
        if (value == null) {
          return Optional.empty();
        }
        literal.append(value);
        i = end + 1;
      } else if (c == '*' || c == '?') {
        flush(literal, tokens);
        tokens.add(c == '*' ? new AnyRun() : new AnyOne());
        i++;
      } else {
        literal.append(c);
        i++;
      }
    }
    flush(literal, tokens);
    return Optional.of(new WildcardPattern(List.copyOf(tokens), ignoreCase));
  }

  private static void flush(StringBuilder literal, List<Token> tokens) {
    if (literal.length() > 0) {
      tokens.add(new Literal(literal.toString()));
      literal.setLength(0);
    }
  }

  boolean matches(String value) {
    return matches(0, value, 0);
  }

  private boolean matches(int token, String value, int at) {
    if (token == tokens.size()) {
      return at == value.length();
    }
    Token current = tokens.get(token);
    if (current instanceof Literal literal) {
      String text = literal.text();
      return value.regionMatches(ignoreCase, at, text, 0, text.length())
          && matches(token + 1, value, at + text.length());
    }
    if (current instanceof AnyOne) {
      return at < value.length() && matches(token + 1, value, at + 1);
    }
    for (int end = value.length(); end >= at; end--) {
      if (matches(token + 1, value, end)) {
        return true;
      }
    }
    return false;
  }
}
