package io.edgegateway.config;

import static io.edgegateway.config.ConfigTesting.parse;
import static io.edgegateway.config.ConfigTesting.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsConfigTest {

  @Test
  void theHttpListenerIsOnByDefaultOnLoopbackOnly() {
    OpsHttpConfig http = parse("").ops().http();

    assertThat(http).isEqualTo(new OpsHttpConfig(true, "127.0.0.1", 9883));
    assertThat(Hosts.isLoopback(http.host())).isTrue();
  }

  @Test
  void everyKeyIsRead() {
    assertThat(parse("""
        ops:
          http:
            enabled: false
            host: 10.0.0.5
            port: 9300
        """).ops().http()).isEqualTo(new OpsHttpConfig(false, "10.0.0.5", 9300));
  }

  @Test
  void theEnvironmentOverridesEachKey() {
    assertThat(parse("", Map.of("EDGE_GATEWAY_OPS_HTTP_PORT", "0", "EDGE_GATEWAY_OPS_HTTP_HOST", "::1"))
        .ops().http()).isEqualTo(new OpsHttpConfig(true, "::1", 0));
  }

  @Test
  void aBadValueIsReportedWithItsKeyAndLine() {
    assertThat(problems("""
        ops:
          http:
            enabled: sometimes
            host: "[::1]"
            port: 70000
            path: /metrics
        """)).containsExactly(
        "gw.yaml:3: ops.http.enabled: must be true or false, got \"sometimes\"",
        "gw.yaml:4: ops.http.host: must be written without brackets, such as ::1, got \"[::1]\"",
        "gw.yaml:5: ops.http.port: must be between 0 and 65535, got 70000",
        "gw.yaml:6: ops.http.path: unknown key; known keys here: enabled, host, port");
  }

  @Test
  void aPortTakenByADeviceListenerIsAnError() {
    assertThat(problems("""
        listeners:
          - name: lan
            host: 0.0.0.0
            port: 1883
            allowAnonymous: true
        ops:
          http:
            port: 1883
        """)).containsExactly("gw.yaml:8: ops.http.port: 127.0.0.1:1883 clashes with listeners[0] (lan) on "
            + "0.0.0.0:1883; the HTTP listener needs a port of its own");
  }

  @Test
  void theSamePortOnAnotherAddressOrADisabledListenerIsFine() {
    assertThat(parse("""
        listeners:
          - name: local
            port: 1883
        ops:
          http:
            host: 10.0.0.5
            port: 1883
        """).ops().http().port()).isEqualTo(1883);
    assertThat(parse("""
        ops:
          http:
            enabled: false
            port: 1883
        """).ops().http().enabled()).isFalse();
  }
}
