package io.edgegateway.authorizer.event;

import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.identity.SafeName;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Decodes the MQTT username and password of an authorizer event.
 * <ul>
 * <li>Username: the part before the first {@code ?} (all of it when there is none: the device SDKs append
 * {@code ?x-amz-customauthorizer-name=...&SDK=...}), percent-decoded as UTF-8 ({@code +} stays a
 * {@code +}), and then it must be a {@link SafeName}.</li>
 * <li>Password: base64 (IoT Core encodes the MQTT password bytes), decoded strictly as UTF-8.</li>
 * </ul>
 */
public final class CredentialDecoder {
  /** Cognito passwords are at most 256 characters; ID tokens with many attributes reach a few KiB. */
  public static final int MAX_PASSWORD_CHARS = 16 * 1024;

  private CredentialDecoder() {
  }

  public static MqttCredentials decode(AuthorizerEvent.Mqtt mqtt) throws Denied {
    return new MqttCredentials(username(mqtt.username()), password(mqtt.passwordBase64()));
  }

  public static String username(Optional<String> raw) throws Denied {
    if (raw.isEmpty()) {
      throw new Denied(DenialReason.USERNAME_MISSING);
    }
    String value = raw.get();
    int query = value.indexOf('?');
    String name = percentDecode(query < 0 ? value : value.substring(0, query));
    if (name.isEmpty()) {
      throw new Denied(DenialReason.USERNAME_EMPTY);
    }
    if (!SafeName.isSafe(name)) {
      throw new Denied(DenialReason.USERNAME_UNSAFE, "allowed: " + SafeName.DESCRIPTION);
    }
    return name;
  }

  public static String password(Optional<String> base64) throws Denied {
    if (base64.isEmpty()) {
      throw new Denied(DenialReason.PASSWORD_MISSING);
    }
    if (base64.get().length() > MAX_PASSWORD_CHARS * 2) {
      throw new Denied(DenialReason.PASSWORD_TOO_LONG);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.get());
    } catch (IllegalArgumentException e) {
      throw new Denied(DenialReason.PASSWORD_NOT_BASE64);
    }
    if (bytes.length == 0) {
      throw new Denied(DenialReason.PASSWORD_EMPTY);
    }
    String password = strictUtf8(bytes).orElseThrow(() -> new Denied(DenialReason.PASSWORD_NOT_UTF8));
    if (password.length() > MAX_PASSWORD_CHARS) {
      throw new Denied(DenialReason.PASSWORD_TOO_LONG);
    }
    return password;
  }

  /** RFC 3986 percent-decoding; a {@code %} not followed by two hex digits, or bytes that are not UTF-8, deny. */
  static String percentDecode(String value) throws Denied {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(value.charAt(i + 2), 16) : -1;
        if (lo < 0) {
          throw new Denied(DenialReason.USERNAME_BAD_ENCODING, "broken % escape");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        int next = value.indexOf('%', i);
        int end = next < 0 ? value.length() : next;
        byte[] encoded = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i = end - 1;
      }
    }
    return strictUtf8(bytes.toByteArray())
        .orElseThrow(() -> new Denied(DenialReason.USERNAME_BAD_ENCODING, "not UTF-8"));
  }

  private static Optional<String> strictUtf8(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
