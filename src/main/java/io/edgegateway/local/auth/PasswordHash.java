package io.edgegateway.local.auth;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One hashed password as Mosquitto stores it after {@code username:} in a password file.
 *
 * <ul>
 *   <li>{@code $7$<iterations>$<salt>$<hash>}: PBKDF2-HMAC-SHA512 (Mosquitto 2, the default of
 *       {@code mosquitto_passwd});
 *   <li>{@code $6$<salt>$<hash>}: SHA-512 over the password followed by the salt (Mosquitto 1.6 and
 *       earlier).
 * </ul>
 *
 * <p>Salt and hash are standard base64 with padding; the salt is 12 bytes and the hash 64 bytes,
 * the only lengths the Mosquitto broker accepts. Instances are immutable; {@link #toString()} never
 * shows the salt or hash.
 */
public final class PasswordHash {
  /** Salt length in bytes, as written by {@code mosquitto_passwd} and required by the broker. */
  public static final int SALT_LENGTH = 12;

  /** The hash algorithms of Mosquitto password files. */
  public enum Type {
    /** {@code $6$}: salted SHA-512. */
    SHA512("6"),
    /** {@code $7$}: PBKDF2-HMAC-SHA512. */
    SHA512_PBKDF2("7");

    private final String id;

    Type(String id) {
      this.id = id;
    }

    /** The identifier between the first two {@code $} signs. */
    public String id() {
      return id;
    }
  }

  private final Type type;
  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(Type type, int iterations, byte[] salt, byte[] hash) {
    this.type = type;
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** A PBKDF2 hash of {@code password}; the salt must be {@link #SALT_LENGTH} bytes. */
  public static PasswordHash pbkdf2(byte[] password, byte[] salt, int iterations) {
    checkSalt(salt);
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
    }
    return new PasswordHash(
        Type.SHA512_PBKDF2, iterations, salt.clone(), Sha512Kdf.pbkdf2(password, salt, iterations));
  }

  /**
   * Parses the part after {@code username:}.
   *
   * @throws IllegalArgumentException saying what is wrong, without repeating the hash
   */
  public static PasswordHash parse(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    if (!encoded.startsWith("$")) {
      throw new IllegalArgumentException(
          "the password is not hashed (expected $7$ or $6$; hash it with the passwd command)");
    }
    String[] parts = encoded.substring(1).split("\\$", -1);
    Type type;
    if (parts[0].equals(Type.SHA512_PBKDF2.id)) {
      type = Type.SHA512_PBKDF2;
    } else if (parts[0].equals(Type.SHA512.id)) {
      type = Type.SHA512;
    } else {
      throw new IllegalArgumentException(
          "unsupported hash type \"$" + printable(parts[0]) + "$\" (expected $7$ or $6$)");
    }
    int expectedParts = type == Type.SHA512_PBKDF2 ? 4 : 3;
    if (parts.length != expectedParts) {
      throw new IllegalArgumentException(type == Type.SHA512_PBKDF2
          ? "a $7$ hash has the form $7$<iterations>$<salt>$<hash>"
          : "a $6$ hash has the form $6$<salt>$<hash>");
    }
    int iterations = 0;
    if (type == Type.SHA512_PBKDF2) {
      iterations = parseIterations(parts[1]);
    }
    byte[] salt = decode(parts[expectedParts - 2], "salt");
    byte[] hash = decode(parts[expectedParts - 1], "hash");
    checkSalt(salt);
    if (hash.length != Sha512Kdf.DIGEST_LENGTH) {
      throw new IllegalArgumentException(
          "the hash must be " + Sha512Kdf.DIGEST_LENGTH + " bytes, it is " + hash.length);
    }
    return new PasswordHash(type, iterations, salt, hash);
  }

  /** Whether {@code password} hashes to this hash; compares in constant time. */
  public boolean matches(byte[] password) {
    Objects.requireNonNull(password, "password");
    return MessageDigest.isEqual(hash, digest(password));
  }

  /** The text Mosquitto stores after {@code username:}. */
  public String encode() {
    Base64.Encoder b64 = Base64.getEncoder();
    String tail = b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    return type == Type.SHA512_PBKDF2 ? "$7$" + iterations + "$" + tail : "$6$" + tail;
  }

  public Type type() {
    return type;
  }

  /** PBKDF2 iterations; 1 for {@link Type#SHA512}, which hashes once. */
  public int iterations() {
    return type == Type.SHA512_PBKDF2 ? iterations : 1;
  }

  private byte[] digest(byte[] password) {
    return type == Type.SHA512_PBKDF2
        ? Sha512Kdf.pbkdf2(password, salt, iterations)
        : Sha512Kdf.saltedSha512(password, salt);
  }

  private static int parseIterations(String text) {
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the iteration count must be a positive integer");
    }
    if (value < 1) {
      throw new IllegalArgumentException("the iteration count must be a positive integer");
    }
    return value;
  }

  private static byte[] decode(String text, String what) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + what + " is not valid base64");
    }
  }

  private static void checkSalt(byte[] salt) {
    if (salt.length != SALT_LENGTH) {
      throw new IllegalArgumentException(
          "the salt must be " + SALT_LENGTH + " bytes, it is " + salt.length);
    }
  }

  private static String printable(String s) {
    String cut = s.length() > 16 ? s.substring(0, 16) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordHash other
        && type == other.type
        && iterations == other.iterations
        && Arrays.equals(salt, other.salt)
        && Arrays.equals(hash, other.hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, iterations, Arrays.hashCode(salt), Arrays.hashCode(hash));
  }

  @Override
  public String toString() {
    return "PasswordHash[" + type + ", iterations=" + iterations() + "]";
  }
}
