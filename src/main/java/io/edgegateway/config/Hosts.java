package io.edgegateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Bind addresses: validation, the loopback test behind the {@code allowAnonymous} default, and whether
 * two listeners' addresses overlap. Host names are never resolved here: configuration is read before
 * the network is up, and a lookup must not decide whether the gateway starts.
 */
final class Hosts {

  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("(?=[^%]*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?");
  private static final Pattern HOST_NAME = Pattern.compile(
      "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

  private Hosts() {
  }

  /** Checks that {@code host} is an IPv4 or IPv6 address or a host name; returns it stripped. */
  static String check(String host) throws InvalidValueException {
    String h = host.strip();
    if (h.startsWith("[")) {
      throw InvalidValueException.malformed("must be written without brackets, such as ::1");
    }
    if (h.matches("[0-9.]+") && !IPV4.matcher(h).matches()) {
      throw InvalidValueException.malformed("is not a valid IPv4 address");
    }
    if (IPV4.matcher(h).matches()) {
      for (String part : h.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          throw InvalidValueException.malformed("is not a valid IPv4 address");
        }
      }
      return h;
    }
    if (IPV6.matcher(h).matches()) {
      literal(h);
      return h;
    }
    if (!HOST_NAME.matcher(h).matches()) {
      throw InvalidValueException.malformed("must be an IP address or a host name");
    }
    return h;
  }

  /** 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) and {@code localhost}. */
  static boolean isLoopback(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.equals("localhost.")) {
      return true;
    }
    if (IPV4.matcher(h).matches()) {
      return h.startsWith("127.");
    }
    return isIpv6Literal(h) && parsed(h).isLoopbackAddress();
  }

  /**
   * Whether two bind addresses can clash on the same port: the same address, or a wildcard that covers
   * the other ({@code ::} covers everything on a dual-stack host, {@code 0.0.0.0} all but IPv6 addresses).
   */
  static boolean overlap(String a, String b) {
    if (canonical(a).equals(canonical(b))) {
      return true;
    }
    return covers(a, b) || covers(b, a);
  }

  /** {@code host:port}, with IPv6 addresses in brackets. */
  static String endpoint(String host, int port) {
    return (isIpv6Literal(host) ? "[" + host + "]" : host) + ":" + port;
  }

  private static boolean covers(String wildcard, String other) {
    if (isIpv6Literal(wildcard) && parsed(wildcard).isAnyLocalAddress()) {
      return true;
    }
    return wildcard.strip().equals("0.0.0.0") && !isIpv6Literal(other);
  }

  private static String canonical(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    return isIpv6Literal(h) ? parsed(h).getHostAddress() : h;
  }

  private static boolean isIpv6Literal(String host) {
    String h = host.strip();
    if (!IPV6.matcher(h).matches()) {
      return false;
    }
    try {
      literal(h);
      return true;
    } catch (InvalidValueException e) {
      return false;
    }
  }

  private static InetAddress parsed(String ipv6) {
    try {
      return literal(ipv6.strip());
    } catch (InvalidValueException e) {
      throw new IllegalArgumentException(ipv6, e);
    }
  }

  /**
   * Parses an IPv6 literal. Callers match {@link #IPV6} first: text that starts with a hex digit or a
   * colon and contains a colon is parsed as a literal by {@link InetAddress}, never looked up.
   */
  private static InetAddress literal(String text) throws InvalidValueException {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw InvalidValueException.malformed("is not a valid IPv6 address");
    }
  }
}
