package io.edgegateway.local.auth;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Makes new {@code $7$} (PBKDF2-HMAC-SHA512) hashes the way {@code mosquitto_passwd} does: a
 * 12-byte random salt and, by default, 101 iterations.
 */
public final class PasswordHasher {
  /** The iteration count {@code mosquitto_passwd} uses unless told otherwise with {@code -I}. */
  public static final int DEFAULT_ITERATIONS = 101;

  private final int iterations;
  private final SecureRandom random;

  /** A hasher with {@link #DEFAULT_ITERATIONS} and a fresh {@link SecureRandom}. */
  public PasswordHasher() {
    this(DEFAULT_ITERATIONS, new SecureRandom());
  }

  public PasswordHasher(int iterations, SecureRandom random) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
    }
    this.iterations = iterations;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A new hash of {@code password} (raw bytes; callers encode text as UTF-8). */
  public PasswordHash hash(byte[] password) {
    byte[] salt = new byte[PasswordHash.SALT_LENGTH];
    random.nextBytes(salt);
    return PasswordHash.pbkdf2(password, salt, iterations);
  }

  public int iterations() {
    return iterations;
  }
}
