package io.edgegateway.local.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The two digests Mosquitto uses for password files, computed over raw password bytes.
 *
 * <p>{@code $6$}: SHA-512 over the password bytes followed by the salt. {@code $7$}:
 * PBKDF2-HMAC-SHA512 with the password bytes as the HMAC key, producing one 64-byte block. The
 * JDK's {@code PBKDF2WithHmacSHA512} is not used because it takes a {@code char[]}, while an MQTT
 * password is binary data. Public for the upstream's cached device verifiers, which use the same PBKDF2.
 */
public final class Sha512Kdf {
  /** Bytes of a SHA-512 digest, and of one PBKDF2 block. */
  public static final int DIGEST_LENGTH = 64;

  private Sha512Kdf() {
  }

  static byte[] saltedSha512(byte[] password, byte[] salt) {
    MessageDigest sha512 = sha512();
    sha512.update(password);
    sha512.update(salt);
    return sha512.digest();
  }

  /** PBKDF2-HMAC-SHA512 of the raw password bytes: one 64-byte block. */
  public static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1");
    }
    try {
      Mac hmac = Mac.getInstance("HmacSHA512");
      hmac.init(new RawKey(password));
      hmac.update(salt);
      byte[] u = hmac.doFinal(new byte[] {0, 0, 0, 1}); // block index 1: one block is 64 bytes
      byte[] result = u.clone();
      for (int i = 1; i < iterations; i++) {
        u = hmac.doFinal(u);
        for (int j = 0; j < result.length; j++) {
          result[j] ^= u[j];
        }
      }
      return result;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is not available in this JVM", e);
    }
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is not available in this JVM", e);
    }
  }

  /** An HMAC key that may be empty, which {@code SecretKeySpec} refuses. */
  private static final class RawKey implements SecretKey {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;

    RawKey(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public String getAlgorithm() {
      return "HmacSHA512";
    }

    @Override
    public String getFormat() {
      return "RAW";
    }

    @Override
    public byte[] getEncoded() {
      return bytes.clone();
    }
  }
}
