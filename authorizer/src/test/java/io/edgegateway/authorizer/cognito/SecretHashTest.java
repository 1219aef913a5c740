package io.edgegateway.authorizer.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretHashTest {

  @Test
  void matchesAnIndependentHmacSha256() {
    // Expected values from Python: base64(hmac.new(secret, username + clientId, sha256).digest())
    assertThat(SecretHash.of("k3y-s3cret", "alice", "3n4b5urk1ft4fl3mg5e62d9ado"))
        .isEqualTo("genT3AOcMAzKy5qlhnk4rX/Gd6BIGENgGkDVXREdimQ=");
    assertThat(SecretHash.of("sécret", "jörg", "client1")).isEqualTo("3AKMnqxAuHugCY/n8vZYZhojjIoWzOjs2hffcj519fg=");
  }
}
