package io.edgegateway.authorizer.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HttpJwksSourceTest {
  HttpServer server;
  final AtomicReference<Integer> status = new AtomicReference<>(200);
  final AtomicReference<String> body = new AtomicReference<>("");

  URI start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/pool/.well-known/jwks.json", exchange -> {
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status.get(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pool/.well-known/jwks.json");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void fetchesAndParsesTheKeySet() throws IOException {
    body.set(new JWKSet(TestTokens.KEY.toPublicJWK()).toString());
    JWKSet set = new HttpJwksSource(start()).fetch(Duration.ofSeconds(2));
    assertThat(set.getKeyByKeyId("key-1")).isNotNull();
    assertThat(set.getKeyByKeyId("key-1").isPrivate()).isFalse();
  }

  @Test
  void rsaKeysAreReadAsNimbusReadsThemAndOtherKeyTypesAreLeftOut() throws Exception {
    String ec = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"ec-1\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
        + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}";
    String rsa = TestTokens.KEY.toPublicJWK().toJSONString();
    String rsaWithUseAndAlg = new com.nimbusds.jose.jwk.RSAKey.Builder(TestTokens.ROTATED_KEY.toRSAPublicKey())
        .keyID("key-2").keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).algorithm(com.nimbusds.jose.JWSAlgorithm.RS256)
        .build().toJSONString();
    String json = "{\"keys\":[" + rsa + "," + ec + "," + rsaWithUseAndAlg + "]}";
    JWKSet ours = HttpJwksSource.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    JWKSet theirs = JWKSet.parse(json);
    assertThat(ours.getKeyByKeyId("ec-1")).isNull();
    for (String kid : java.util.List.of("key-1", "key-2")) {
      com.nimbusds.jose.jwk.RSAKey a = (com.nimbusds.jose.jwk.RSAKey) ours.getKeyByKeyId(kid);
      com.nimbusds.jose.jwk.RSAKey b = (com.nimbusds.jose.jwk.RSAKey) theirs.getKeyByKeyId(kid);
      assertThat(a.toRSAPublicKey()).isEqualTo(b.toRSAPublicKey());
      assertThat(a.getKeyUse()).isEqualTo(b.getKeyUse());
      assertThat(a.getAlgorithm()).isEqualTo(b.getAlgorithm());
      assertThat(a.isPrivate()).isFalse();
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"[]", "null", "{}", "{\"keys\":{}}", "{\"keys\":[1]}",
      "{\"keys\":[{}]}", "{\"keys\":[{\"kty\":\"RSA\",\"e\":\"AQAB\"}]}", "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"!\",\"e\":\"AQAB\"}]}",
      "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"kid\":1}]}", "{\"keys\":[{\"kty\":1}]}"})
  void whatIsNotAKeySetIsRefused(String json) {
    assertThatThrownBy(() -> HttpJwksSource.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(java.text.ParseException.class);
  }

  @Test
  void aStatusOtherThan200Fails() throws IOException {
    status.set(404);
    body.set("{}");
    URI url = start();
    assertThatThrownBy(() -> new HttpJwksSource(url).fetch(Duration.ofSeconds(2))).isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 404");
  }

  @Test
  void somethingThatIsNotAKeySetFails() throws IOException {
    body.set("<html>hello</html>");
    URI url = start();
    assertThatThrownBy(() -> new HttpJwksSource(url).fetch(Duration.ofSeconds(2))).isInstanceOf(IOException.class)
        .hasMessageContaining("not a JWKS");
  }

  @Test
  void anOversizedAnswerFails() throws IOException {
    body.set("{\"keys\":[],\"pad\":\"" + "x".repeat(HttpJwksSource.MAX_BYTES) + "\"}");
    URI url = start();
    assertThatThrownBy(() -> new HttpJwksSource(url).fetch(Duration.ofSeconds(2))).isInstanceOf(IOException.class)
        .hasMessageContaining("larger than");
  }

  @Test
  @Timeout(5)
  void aServerThatNeverAnswersTimesOut() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try (Socket ignored = silent.accept()) {
          ignored.getInputStream().readAllBytes();
        } catch (IOException e) {
          // closed at the end of the test
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/jwks.json");
      assertThatThrownBy(() -> new HttpJwksSource(url).fetch(Duration.ofMillis(300)))
          .isInstanceOf(java.net.SocketTimeoutException.class);
    }
  }
}
