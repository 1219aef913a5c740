package io.edgegateway.authorizer.token;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;

/** Fetches the pool's JWKS over HTTP(S) with the JDK's URLConnection, bounded in time and size. */
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
      return JWKSet.parse(new String(body, StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw new IOException("not a JWKS at " + url + ": " + e.getMessage(), e);
    } finally {
      connection.disconnect();
    }
  }
}
