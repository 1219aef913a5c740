package io.edgegateway.upstream.device;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collection;

/**
 * The text of the {@code device-verifiers} file: a header line, then one line per device, fields
 * separated by one space:
 *
 * <pre>
 * edge-gateway device-verifiers 1
 * &lt;username&gt; &lt;client id&gt; &lt;accepted at&gt; pbkdf2-sha512 &lt;iterations&gt; &lt;salt&gt; &lt;hash&gt;
 * </pre>
 *
 * <p>Username and client id are percent-encoded ({@link PercentCodec}), the time is ISO-8601 UTC, salt
 * (16 bytes) and hash (64 bytes) are standard base64 with padding. Parse errors say what is wrong
 * without repeating the line, which holds a hash.
 */
final class VerifierFormat {
  static final String HEADER_PREFIX = "edge-gateway device-verifiers ";
  static final String HEADER = HEADER_PREFIX + "1";
  private static final int FIELDS = 7;

  private VerifierFormat() {
  }

  static String text(Collection<Verifier> verifiers) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (Verifier v : verifiers) {
      out.append(line(v)).append('\n');
    }
    return out.toString();
  }

  static String line(Verifier v) {
    Base64.Encoder b64 = Base64.getEncoder();
    return String.join(" ", PercentCodec.encode(v.username()), PercentCodec.encode(v.clientId()),
        v.acceptedAt().toString(), VerifierHash.ALGORITHM, Integer.toString(v.hash().iterations()),
        b64.encodeToString(v.hash().salt()), b64.encodeToString(v.hash().hash()));
  }

  /**
   * One entry line.
   *
   * @throws IllegalArgumentException saying what is wrong, never repeating the line
   */
  static Verifier parse(String line) {
    String[] f = line.split(" ", -1);
    if (f.length != FIELDS) {
      throw new IllegalArgumentException("expected " + FIELDS + " fields, found " + f.length);
    }
    String username = field(f[0], "username");
    String clientId = field(f[1], "client id");
    Instant acceptedAt;
    try {
      acceptedAt = Instant.parse(f[2]);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("the time is not ISO-8601");
    }
    if (!f[3].equals(VerifierHash.ALGORITHM)) {
      throw new IllegalArgumentException("unknown hash algorithm (expected " + VerifierHash.ALGORITHM + ")");
    }
    int iterations;
    try {
      iterations = Integer.parseInt(f[4]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the iteration count is not a number");
    }
    return new Verifier(username, clientId, acceptedAt,
        VerifierHash.of(iterations, base64(f[5], "salt"), base64(f[6], "hash")));
  }

  private static String field(String text, String what) {
    try {
      return PercentCodec.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + what + " has " + e.getMessage());
    }
  }

  private static byte[] base64(String text, String what) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + what + " is not base64");
    }
  }
}
