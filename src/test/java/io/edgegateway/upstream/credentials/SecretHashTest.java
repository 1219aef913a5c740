package io.edgegateway.upstream.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretHashTest {

  @Test
  void isTheBase64HmacOfUsernameAndClientIdKeyedWithTheSecret() {
    // computed independently: base64(hmac_sha256(b"client-secret-1", b"gateway-1" + b"1example23456789"))
    assertThat(SecretHash.of("client-secret-1", "gateway-1", "1example23456789"))
        .isEqualTo("QFjHgMfoXJOgUDeKibaFZ/Geg1YWfNjg9IpCgNj+vRk=");
  }
}
