package io.edgegateway.config;

/** Reads the {@code auth} section into {@link AuthConfig}: both files are optional, and must exist if set. */
final class AuthReader {

  private AuthReader() {
  }

  static AuthConfig read(ConfigSection section, ReadContext context) {
    SettingReader r = new SettingReader(section, context);
    return new AuthConfig(r.file("passwordFile"), r.file("aclFile"));
  }
}
