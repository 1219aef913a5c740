package io.edgegateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testing.GatewayProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code edge-gateway run} with the shipped configuration serves the ops endpoints on loopback. */
class RunCommandOpsTest {

  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final Pattern OPS_LINE = Pattern.compile("ops http on 127\\.0\\.0\\.1:(\\d+)");

  @Test
  void theShippedConfigurationServesHealthAndMetricsOnLoopback() throws Exception {
    // the shipped file; only the ports move (the ops port to 0 through GatewayProcess)
    try (GatewayProcess gw = GatewayProcess.start(PROJECT, Map.of("EDGE_GATEWAY_LISTENERS_0_PORT", "0"),
        "run", "--config", "config/gateway.yaml")) {
      Matcher m = OPS_LINE.matcher(gw.awaitLine("ops http on"));
      assertThat(m.find()).as("the ops listener binds 127.0.0.1").isTrue();
      gw.awaitLine("started");
      OpsClient ops = new OpsClient(Integer.parseInt(m.group(1)));

      assertThat(ops.get("/health/ready").status()).isEqualTo(200);
      assertThat(ops.get("/metrics").metrics().value("edge_gateway_devices_connected")).isZero();

      gw.terminate();
      assertThat(gw.awaitExit()).isZero();
    }
  }
}
