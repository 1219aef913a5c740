package io.edgegateway.local.auth;

/** The access word of an ACL line; a missing word means {@link #READWRITE}. */
enum AclAccess {
  DENY(0), READ(1), WRITE(2), READWRITE(3);

  static final int READ_BIT = 1;
  static final int WRITE_BIT = 2;

  private final int bits;

  AclAccess(int bits) {
    this.bits = bits;
  }

  /** Whether this grants the requested {@link #READ_BIT} or {@link #WRITE_BIT}. */
  boolean grants(int requested) {
    return (bits & requested) != 0;
  }

  boolean isDeny() {
    return this == DENY;
  }

  /** The access word, or null if {@code word} is not one. */
  static AclAccess fromWord(String word) {
    return switch (word) {
      case "read" -> READ;
      case "write" -> WRITE;
      case "readwrite" -> READWRITE;
      case "deny" -> DENY;
      default -> null;
    };
  }
}
