package io.edgegateway.authorizer.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.edgegateway.authorizer.json.Json;
import io.edgegateway.authorizer.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Fetches the pool's JWKS over HTTP(S) with the JDK's URLConnection, bounded in time and size. The key set
 * is read with {@link Json} rather than Nimbus's {@code JWKSet.parse}, whose Gson costs a cold start about
 * 30 ms of class loading; its RSA keys become Nimbus {@link RSAKey}s through their builder.
 */
public final class HttpJwksSource implements JwksSource {
  static final int MAX_BYTES = 512 * 1024;

  private final URI url;

  public HttpJwksSource(URI url) {
    this.url = url;
  }

  @Override
  public JWKSet fetch(Duration timeout) throws IOException {
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
    try {
      connection.setConnectTimeout(millis);
      connection.setReadTimeout(millis);
      connection.setInstanceFollowRedirects(false);
      connection.setRequestProperty("Accept", "application/json");
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new IOException("HTTP " + status + " from " + url);
      }
      byte[] body;
      try (InputStream in = connection.getInputStream()) {
        body = in.readNBytes(MAX_BYTES + 1);
      }
      if (body.length > MAX_BYTES) {
        throw new IOException("JWKS larger than " + MAX_BYTES + " bytes at " + url);
      }
      return parse(body);
    } catch (ParseException e) {
      throw new IOException("not a JWKS at " + url + ": " + e.getMessage(), e);
    } finally {
      connection.disconnect();
    }
  }

  /**
   * A JSON Web Key Set: an object with a {@code keys} array of objects, each with a {@code kty}. Its RSA
   * keys ({@code kty} {@code RSA}) need {@code n} and {@code e} in base64url and may have a {@code kid},
   * {@code use} and {@code alg}, all strings; keys of other types are left out, as only RSA keys verify
   * RS256. Anything else is not a JWKS.
   */
  static JWKSet parse(byte[] json) throws ParseException {
    Map<String, Object> root;
    try {
      root = Json.parseObject(json);
    } catch (JsonException e) {
      throw new ParseException(e.getMessage(), 0);
    }
    if (root == null || !(root.get("keys") instanceof List<?> keys)) {
      throw new ParseException("no keys array", 0);
    }
    List<JWK> result = new ArrayList<>();
    for (Object entry : keys) {
      if (!(entry instanceof Map<?, ?> key) || !(key.get("kty") instanceof String kty)) {
        throw new ParseException("a key that is not an object with a kty", 0);
      }
      if (kty.equals("RSA")) {
        result.add(rsaKey(key));
      }
    }
    return new JWKSet(result);
  }

  private static RSAKey rsaKey(Map<?, ?> key) throws ParseException {
    String n = string(key, "n");
    String e = string(key, "e");
    String kid = string(key, "kid");
    String use = string(key, "use");
    String alg = string(key, "alg");
    if (n == null || e == null) {
      throw new ParseException("an RSA key without n or e", 0);
    }
    try {
      Base64.getUrlDecoder().decode(n);
      Base64.getUrlDecoder().decode(e);
      return new RSAKey.Builder(new Base64URL(n), new Base64URL(e))
          .keyID(kid)
          .keyUse(use == null ? null : KeyUse.parse(use))
          .algorithm(alg == null ? null : JWSAlgorithm.parse(alg))
          .build();
    } catch (IllegalArgumentException | IllegalStateException | ParseException x) {
      throw new ParseException("an RSA key that cannot be read", 0);
    }
  }

  private static String string(Map<?, ?> key, String name) throws ParseException {
    Object value = key.get(name);
    if (value != null && !(value instanceof String)) {
      throw new ParseException(name + " is not a string", 0);
    }
    return (String) value;
  }
}
