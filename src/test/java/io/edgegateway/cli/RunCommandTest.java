package io.edgegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testing.GatewayProcess;
import io.edgegateway.testing.V3Device;
import io.edgegateway.testing.V5Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edge-gateway run} as a process: the shipped default config, bad configs, and SIGTERM. */
class RunCommandTest {

  private static final Path PROJECT = Path.of("").toAbsolutePath();

  @Test
  void defaultConfigStartsAndServesADeviceThenStopsCleanlyOnSigterm() throws Exception {
    // the shipped file as is; only the port moves, through the documented environment override,
    // so the test does not depend on 1883 being free
    try (GatewayProcess gw = GatewayProcess.start(PROJECT, Map.of("EDGE_GATEWAY_LISTENERS_0_PORT", "0"),
        "run", "--config", "config/gateway.yaml")) {
      int port = gw.awaitListener("local");
      try (V5Device d = V5Device.connect(port, "first-device"); V3Device d3 = V3Device.connect(port, "old-device")) {
        d.subscribe("hello", 1);
        d3.publish("hello", "world", 1, false);
        assertThat(d.next().payload()).isEqualTo("world");

        gw.terminate();
        assertThat(d.disconnected().get(15, TimeUnit.SECONDS).getReturnCode()).isEqualTo(0x8B);
        assertThat(gw.awaitExit()).isZero();
        assertThat(gw.output()).contains("stopped");
      }
    }
  }

  @Test
  void sighupReloadsTheConfigurationAndABadOneChangesNothing(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("gateway.yaml");
    Files.writeString(cfg, """
        listeners:
          - name: local
            port: 0
        """);
    try (GatewayProcess gw = GatewayProcess.start(dir, Map.of(), "run", "--config", cfg.toString())) {
      int port = gw.awaitListener("local");
      try (V5Device d = V5Device.connect(port, "stays")) {
        Files.writeString(cfg, """
            listeners:
              - name: local
                port: 0
            limits:
              maxConnections: 5
            """);
        gw.hangUp();
        assertThat(gw.awaitLine("reloaded")).contains("limits take effect only after a restart");

        Files.writeString(cfg, "limits:\n  maxConnections: lots\n");
        gw.hangUp();
        assertThat(gw.awaitLine("reload refused")).contains("limits.maxConnections");

        assertThat(d.client().isConnected()).isTrue();
        gw.terminate();
        assertThat(gw.awaitExit()).isZero();
      }
    }
  }

  @Test
  void badConfigExitsWithCode2AndNamesTheKeyAndLine(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("gateway.yaml");
    Files.writeString(cfg, """
        gatewayId: test
        limits:
          maxConnections: lots
        """);
    try (GatewayProcess gw = GatewayProcess.start(dir, Map.of(), "run", "--config", cfg.toString())) {
      assertThat(gw.awaitExit()).isEqualTo(2);
      assertThat(gw.output()).contains("limits.maxConnections").contains(":3");
    }
  }

  @Test
  void configurationWarningsAreLoggedWithoutTheSecret(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("gateway.yaml");
    Files.writeString(cfg, """
        listeners:
          - name: local
            port: 0
        upstream:
          credentials:
            password: hunter2-Secret
        forward:
          - filter: "sensors/#"
            topic: "dt/${topic}"
        """);
    try (GatewayProcess gw = GatewayProcess.start(dir, Map.of(), "run", "--config", cfg.toString())) {
      gw.awaitListener("local");
      gw.terminate();
      assertThat(gw.awaitExit()).isZero();
      assertThat(gw.output())
          .containsPattern("WARN.*configuration: .*gateway.yaml:6: upstream.credentials.password: the Cognito password "
              + "is written in the configuration file")
          .containsPattern("WARN.*configuration: .*gateway.yaml:7: forward: the rule is inactive")
          .doesNotContain("hunter2-Secret");
    }
  }

  @Test
  void missingConfigFileExitsWithCode2(@TempDir Path dir) throws Exception {
    try (GatewayProcess gw = GatewayProcess.start(dir, Map.of(), "run", "--config", "absent.yaml")) {
      assertThat(gw.awaitExit()).isEqualTo(2);
      assertThat(gw.output()).contains("absent.yaml");
    }
  }

  @Test
  void portInUseExitsWithCode1AndSaysWhichListener(@TempDir Path dir) throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
        java.net.InetAddress.getLoopbackAddress())) {
      Path cfg = dir.resolve("gateway.yaml");
      Files.writeString(cfg, """
          listeners:
            - name: busy
              port: %d
          """.formatted(taken.getLocalPort()));
      try (GatewayProcess gw = GatewayProcess.start(dir, Map.of(), "run", "--config", cfg.toString())) {
        assertThat(gw.awaitExit()).isEqualTo(1);
        assertThat(gw.output()).contains("listener busy");
      }
    }
  }
}
