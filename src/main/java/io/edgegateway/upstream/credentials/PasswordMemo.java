package io.edgegateway.upstream.credentials;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tells whether a device sent the same password as before without keeping the password: an HMAC-SHA256
 * of it under a key made at random for this process and never stored. It lets a device that reconnects
 * with the same credentials reuse its upstream connection or its tokens, and no one who reads the memo
 * (in a heap dump, say) can test guesses against it without the key. Thread-safe.
 */
public final class PasswordMemo {

  private final SecretKeySpec key;

  public PasswordMemo() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    this.key = new SecretKeySpec(k, "HmacSHA256");
  }

  /** The memo of {@code password}. */
  public byte[] of(byte[] password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(password);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether {@code password} is the one {@code memo} was made of; in constant time. */
  public boolean matches(byte[] memo, byte[] password) {
    return memo != null && MessageDigest.isEqual(memo, of(password));
  }
}
