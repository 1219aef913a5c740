package io.edgegateway.authorizer.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Events;
import io.edgegateway.authorizer.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionLogTest {
  final List<String> lines = new ArrayList<>();
  final DecisionLog log = new DecisionLog(lines::add, new MutableClock(Instant.parse("2026-06-01T12:00:00Z")));

  @Test
  void anAllowIsOneJsonLineWithEveryField() {
    log.decision(new DecisionRecord(Optional.of("conn-1"), "req-1", Optional.of("alice"), Optional.of("alice-1"),
        Optional.of("password"), Optional.empty(), Optional.empty(), Optional.of("abc")), 87);
    assertThat(lines).containsExactly("{\"time\":\"2026-06-01T12:00:00Z\",\"event\":\"decision\","
        + "\"connectionId\":\"conn-1\",\"requestId\":\"req-1\",\"username\":\"alice\",\"clientId\":\"alice-1\","
        + "\"mode\":\"password\",\"decision\":\"allow\",\"reason\":\"authenticated\",\"principalId\":\"abc\","
        + "\"durationMs\":87}");
  }

  @Test
  void aDenialCarriesItsReasonAndDetail() {
    log.decision(new DecisionRecord(Optional.empty(), "req-2", Optional.of("bob"), Optional.empty(), Optional.of("token"),
        Optional.of(DenialReason.TOKEN_EXPIRED), Optional.of("at 2026-06-01T11:00:00Z"), Optional.empty()), 3);
    Map<String, Object> line = Events.parse(lines.get(0));
    assertThat(line).containsEntry("decision", "deny").containsEntry("reason", "token_expired")
        .containsEntry("detail", "at 2026-06-01T11:00:00Z").containsEntry("mode", "token")
        .containsEntry("durationMs", 3).doesNotContainKey("principalId").doesNotContainKey("connectionId");
  }

  @Test
  void deviceValuesAreEscapedAndCut() {
    String hostile = "a\"b\nc\\d" + "x".repeat(300);
    log.decision(new DecisionRecord(Optional.of(hostile), hostile, Optional.of(hostile), Optional.of(hostile),
        Optional.empty(), Optional.of(DenialReason.USERNAME_UNSAFE), Optional.empty(), Optional.empty()), 1);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).doesNotContain("\n");
    Map<String, Object> line = Events.parse(lines.get(0));
    assertThat((String) line.get("username")).startsWith("a\"b\nc\\d").hasSize(DecisionLog.MAX_VALUE_CHARS + 3);
  }

  @Test
  void aConfigurationErrorIsOneLineNamingIt() {
    log.configError("COGNITO_USER_POOL_ID is required and not set");
    assertThat(Events.parse(lines.get(0))).containsEntry("event", "config_error")
        .containsEntry("message", "COGNITO_USER_POOL_ID is required and not set");
  }
}
