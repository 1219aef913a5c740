package io.edgegateway.authorizer.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.json.Json;
import io.edgegateway.authorizer.json.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A JWS in compact form, taken apart as Nimbus's {@code SignedJWT.parse} does but with {@link Json}
 * instead of Nimbus's Gson, whose first use costs a cold start about 30 ms of class loading. The header
 * and the claims become Nimbus objects through their builders, so the signature is still checked by
 * Nimbus's {@code RSASSAVerifier} and the claims read through {@link JWTClaimsSet}.
 * <p>
 * A token is malformed ({@code token_malformed}) unless it is three base64url parts whose header is a JSON
 * object with an {@code alg} of a signature algorithm (not {@code none}, no {@code enc}) and whose string
 * parameters are strings. The header's {@code crit} is kept, so that the verifier refuses what it does not
 * understand. The payload is read only by {@link #claims()}, after the signature is checked; a payload that
 * is not a claims set (a JSON object whose registered claims have their types) is malformed too.
 */
final class CompactJws {
  private static final List<String> STRING_HEADER_PARAMETERS = List.of("kid", "typ", "cty", "jku", "x5u", "x5t",
      "x5t#S256");
  private static final List<String> STRING_CLAIMS = List.of("iss", "jti");
  private static final List<String> DATE_CLAIMS = List.of("exp", "nbf", "iat");

  private final JWSHeader header;
  private final byte[] signingInput;
  private final Base64URL signature;
  private final String payload;

  private CompactJws(JWSHeader header, byte[] signingInput, Base64URL signature, String payload) {
    this.header = header;
    this.signingInput = signingInput;
    this.signature = signature;
    this.payload = payload;
  }

  static CompactJws parse(String token) throws Denied {
    try {
      return read(token);
    } catch (RuntimeException e) {
      throw malformed();
    }
  }

  private static CompactJws read(String token) throws Denied {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw malformed();
    }
    Map<String, Object> json;
    try {
      json = Json.parseObject(Base64.getUrlDecoder().decode(parts[0]));
      Base64.getUrlDecoder().decode(parts[2]);
    } catch (JsonException | IllegalArgumentException e) {
      throw malformed();
    }
    if (json == null || !(json.get("alg") instanceof String alg) || alg.equals("none") || json.containsKey("enc")) {
      throw malformed();
    }
    JWSHeader.Builder builder = new JWSHeader.Builder(JWSAlgorithm.parse(alg));
    for (String name : STRING_HEADER_PARAMETERS) {
      Object value = json.get(name);
      if (value != null && !(value instanceof String)) {
        throw malformed();
      }
    }
    if (json.get("kid") instanceof String kid) {
      builder.keyID(kid);
    }
    Object crit = json.get("crit");
    if (crit != null) {
      if (!(crit instanceof List<?> names) || names.isEmpty() || !names.stream().allMatch(String.class::isInstance)) {
        throw malformed();
      }
      builder.criticalParams(new LinkedHashSet<>(names.stream().map(String.class::cast).toList()));
    }
    return new CompactJws(builder.build(), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
        new Base64URL(parts[2]), parts[1]);
  }

  JWSHeader header() {
    return header;
  }

  byte[] signingInput() {
    return signingInput;
  }

  Base64URL signature() {
    return signature;
  }

  /** The payload as a claims set; malformed unless a JSON object whose registered claims have their types. */
  JWTClaimsSet claims() throws Denied {
    try {
      return readClaims();
    } catch (RuntimeException e) {
      throw malformed("the claims are not a JSON object");
    }
  }

  private JWTClaimsSet readClaims() throws Denied {
    Map<String, Object> json;
    try {
      json = Json.parseObject(Base64.getUrlDecoder().decode(payload));
    } catch (JsonException | IllegalArgumentException e) {
      throw malformed("the claims are not a JSON object");
    }
    if (json == null) {
      throw malformed("the claims are not a JSON object");
    }
    if (json.get("sub") instanceof Number sub) {
      json.put("sub", sub.toString()); // as Nimbus's JWTClaimsSet.parse does
    } else if (json.get("sub") != null && !(json.get("sub") instanceof String)) {
      throw malformed("the claims are not a JSON object");
    }
    for (String name : STRING_CLAIMS) {
      if (json.get(name) != null && !(json.get(name) instanceof String)) {
        throw malformed("the claims are not a JSON object");
      }
    }
    for (String name : DATE_CLAIMS) {
      if (json.get(name) != null && !(json.get(name) instanceof Number)) {
        throw malformed("the claims are not a JSON object");
      }
    }
    Object aud = json.get("aud");
    if (aud != null && !(aud instanceof String)
        && !(aud instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
      throw malformed("the claims are not a JSON object");
    }
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
    json.forEach(claims::claim);
    return claims.build();
  }

  private static Denied malformed() {
    return malformed("not a signed JWT");
  }

  private static Denied malformed(String detail) {
    return new Denied(DenialReason.TOKEN_MALFORMED, detail);
  }
}
