package io.edgegateway.authorizer.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.authorizer.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseTest {
  static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

  @Test
  void allowIsWrittenWithIotCoresFieldNamesAndPolicyDocumentsAsStrings() {
    String json = ResponseJson.toJson(AuthorizerResponse.allow("abc123", 3600, 300, List.of(DOCUMENT)));
    assertThat(json).isEqualTo("{\"isAuthenticated\":true,\"principalId\":\"abc123\","
        + "\"disconnectAfterInSeconds\":3600,\"refreshAfterInSeconds\":300,"
        + "\"policyDocuments\":[\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\"]}");
    Map<String, Object> parsed = Events.parse(json);
    assertThat(parsed.get("policyDocuments")).isEqualTo(List.of(DOCUMENT));
  }

  @Test
  void denyIsNotAuthenticatedWithNoPolicy() {
    String json = ResponseJson.toJson(AuthorizerResponse.DENY);
    assertThat(json).isEqualTo(ResponseJson.DENY_JSON);
    Map<String, Object> parsed = Events.parse(json);
    assertThat(parsed.get("isAuthenticated")).isEqualTo(false);
    assertThat(parsed.get("policyDocuments")).isEqualTo(List.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc-123", "a b", "77d5c30c-ce65", "ü"})
  void principalIdMustBeAlphanumeric(String principalId) {
    assertThatThrownBy(() -> AuthorizerResponse.allow(principalId, 3600, 300, List.of(DOCUMENT)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void principalIdAtMost128() {
    assertThat(AuthorizerResponse.allow("a".repeat(128), 300, 300, List.of(DOCUMENT)).principalId()).hasSize(128);
    assertThatThrownBy(() -> AuthorizerResponse.allow("a".repeat(129), 300, 300, List.of(DOCUMENT)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void intervalsWithin300And86400() {
    assertThat(AuthorizerResponse.allow("a", 300, 86_400, List.of(DOCUMENT)).refreshAfterInSeconds()).isEqualTo(86_400);
    assertThatThrownBy(() -> AuthorizerResponse.allow("a", 299, 300, List.of(DOCUMENT))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuthorizerResponse.allow("a", 300, 86_401, List.of(DOCUMENT))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void atMostTenDocumentsOfAtMost2048Characters() {
    assertThat(AuthorizerResponse.allow("a", 300, 300, Collections.nCopies(10, "x".repeat(2048))).policyDocuments()).hasSize(10);
    assertThatThrownBy(() -> AuthorizerResponse.allow("a", 300, 300, Collections.nCopies(11, DOCUMENT)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuthorizerResponse.allow("a", 300, 300, List.of("x".repeat(2049))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAllowNeedsAPolicy() {
    assertThatThrownBy(() -> AuthorizerResponse.allow("a", 300, 300, List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void passwordSessionsUseTheConfiguredIntervals() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(SessionIntervals.of(86_400, 3_600, Optional.empty(), now)).isEqualTo(new SessionIntervals(86_400, 3_600));
  }

  @Test
  void tokenSessionsEndNoLaterThanTheTokenButAfterAtLeast300Seconds() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(SessionIntervals.of(86_400, 3_600, Optional.of(now.plus(Duration.ofMinutes(60))), now))
        .isEqualTo(new SessionIntervals(3_600, 3_600));
    assertThat(SessionIntervals.of(86_400, 3_600, Optional.of(now.plusSeconds(100)), now))
        .isEqualTo(new SessionIntervals(300, 3_600));
    assertThat(SessionIntervals.of(7_200, 600, Optional.of(now.plus(Duration.ofHours(30))), now))
        .isEqualTo(new SessionIntervals(7_200, 600));
  }
}
