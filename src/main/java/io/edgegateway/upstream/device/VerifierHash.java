package io.edgegateway.upstream.device;

import io.edgegateway.local.auth.Sha512Kdf;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A salted PBKDF2-HMAC-SHA512 hash of a device's password, with the iteration count it was made with,
 * so that entries made before a change of the count still verify. Immutable; {@link #toString()} never
 * shows the salt or hash.
 */
final class VerifierHash {
  static final String ALGORITHM = "pbkdf2-sha512";
  static final int SALT_LENGTH = 16;
  /** Refused above this, so a tampered file cannot make a check run for hours. */
  static final int MAX_ITERATIONS = 10_000_000;

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private VerifierHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** A new hash of {@code password} under a fresh random salt. */
  static VerifierHash create(byte[] password, int iterations, SecureRandom random) {
    checkIterations(iterations);
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    return new VerifierHash(iterations, salt, Sha512Kdf.pbkdf2(password, salt, iterations));
  }

  /**
   * A stored hash.
   *
   * @throws IllegalArgumentException saying which part is wrong, never repeating it
   */
  static VerifierHash of(int iterations, byte[] salt, byte[] hash) {
    checkIterations(iterations);
    if (salt.length != SALT_LENGTH) {
      throw new IllegalArgumentException("the salt is not " + SALT_LENGTH + " bytes");
    }
    if (hash.length != Sha512Kdf.DIGEST_LENGTH) {
      throw new IllegalArgumentException("the hash is not " + Sha512Kdf.DIGEST_LENGTH + " bytes");
    }
    return new VerifierHash(iterations, salt.clone(), hash.clone());
  }

  /** Whether {@code password} hashes to this hash; compares in constant time. */
  boolean matches(byte[] password) {
    Objects.requireNonNull(password, "password");
    return MessageDigest.isEqual(hash, Sha512Kdf.pbkdf2(password, salt, iterations));
  }

  int iterations() {
    return iterations;
  }

  byte[] salt() {
    return salt.clone();
  }

  byte[] hash() {
    return hash.clone();
  }

  private static void checkIterations(int iterations) {
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("the iteration count must be 1 to " + MAX_ITERATIONS);
    }
  }

  @Override
  public String toString() {
    return "VerifierHash[" + ALGORITHM + ", iterations=" + iterations + "]";
  }
}
