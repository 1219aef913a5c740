package io.edgegateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.ops.Readiness.Phase;
import io.edgegateway.spool.CommitLatency;
import io.edgegateway.spool.SpoolStats;
import io.edgegateway.upstream.LinkState;
import io.edgegateway.upstream.LinkStatus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The readiness decision alone, for the states a running gateway passes through too briefly to catch. */
class ReadinessTest {

  private static final List<String> LISTENERS = List.of("lan", "tls");
  private static final List<LinkStatus> RETRYING = List.of(new LinkStatus("gw-1", LinkState.RETRYING,
      Instant.parse("2025-01-01T00:00:00Z"), "connection refused", Instant.parse("2025-01-01T00:00:02Z"), 3, 0));

  @Test
  void notReadyWhileStartingAndUntilEveryListenerIsBound() {
    Readiness starting = Readiness.of(Phase.STARTING, LISTENERS, Map.of("lan", 1883), List.of(), Optional.empty());
    Readiness oneMissing = Readiness.of(Phase.RUNNING, LISTENERS, Map.of("lan", 1883), List.of(), Optional.empty());
    Readiness up = Readiness.of(Phase.RUNNING, LISTENERS, Map.of("lan", 1883, "tls", 8883), List.of(),
        Optional.empty());

    assertThat(starting.ready()).isFalse();
    assertThat(starting.reasons()).containsExactly("the gateway is starting", "listener tls is not listening");
    assertThat(oneMissing.reasons()).containsExactly("listener tls is not listening");
    assertThat(up.ready()).isTrue();
    assertThat(up.reasons()).isEmpty();
  }

  @Test
  void aSpoolThatCannotWriteMakesItNotReadyUntilItRecovers() {
    Map<String, Integer> bound = Map.of("lan", 1883, "tls", 8883);
    Readiness failing = Readiness.of(Phase.RUNNING, LISTENERS, bound, List.of(), Optional.of(spool(true)));
    Readiness recovered = Readiness.of(Phase.RUNNING, LISTENERS, bound, List.of(), Optional.of(spool(false)));

    assertThat(failing.ready()).isFalse();
    assertThat(failing.reasons()).singleElement().asString().contains("spool cannot write");
    assertThat(recovered.ready()).isTrue();
    JsonObject body = new JsonObject(HealthJson.ready(failing, 10_000));
    assertThat(body.getString("status")).isEqualTo("not ready");
    assertThat(body.getJsonObject("spool").getBoolean("storageFailing")).isTrue();
    assertThat(body.getJsonObject("spool").getLong("refusedStorage")).isEqualTo(4);
    assertThat(body.getJsonObject("spool").getDouble("oldestAgeSeconds")).isEqualTo(9.0);
  }

  @Test
  void anUpstreamOutageIsReportedButLeavesItReady() {
    Readiness r = Readiness.of(Phase.RUNNING, List.of("lan"), Map.of("lan", 1883), RETRYING,
        Optional.of(spool(false)));

    assertThat(r.ready()).isTrue();
    JsonObject connection = new JsonObject(HealthJson.ready(r, 10_000)).getJsonObject("upstream")
        .getJsonArray("connections").getJsonObject(0);
    assertThat(connection.getString("state")).isEqualTo("RETRYING");
    assertThat(connection.getString("lastError")).isEqualTo("connection refused");
    assertThat(connection.getInteger("queued")).isEqualTo(3);
  }

  @Test
  void stoppingIsNotReadyWithoutBlamingTheListenersItClosed() {
    Readiness r = Readiness.of(Phase.STOPPING, LISTENERS, Map.of(), List.of(), Optional.empty());

    assertThat(r.ready()).isFalse();
    assertThat(r.reasons()).containsExactly("the gateway is stopping");
  }

  private static SpoolStats spool(boolean storageFailing) {
    return new SpoolStats(5, 500, 1_000, 0, 10, 9, 4, 0, 0, 0, 0, 4, storageFailing, 0, 0,
        new CommitLatency(List.of(1000L), List.of(0L, 0L), 0, 0), -1);
  }
}
