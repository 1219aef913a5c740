package io.edgegateway.authorizer.token;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.time.Duration;

/** Where the user pool's signing keys come from. */
@FunctionalInterface
public interface JwksSource {
  JWKSet fetch(Duration timeout) throws IOException;
}
