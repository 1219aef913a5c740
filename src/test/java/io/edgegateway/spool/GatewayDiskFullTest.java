package io.edgegateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.Gateway;
import io.edgegateway.config.ForwardRuleConfig;
import io.edgegateway.config.SpoolConfig;
import io.edgegateway.iotcore.Arrival;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V5Device;
import io.edgegateway.upstream.LinkState;
import io.edgegateway.upstream.UpstreamGateway;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool on a disk that fills up: the gateway's spool directory is on a 2 MiB tmpfs of its own, and
 * the test fills the rest of it, so SQLite gets a real ENOSPC from the kernel. IoT Core (the simulator)
 * is unreachable meanwhile, so what was accepted waits in the spool.
 */
@ExtendWith(VertxExtension.class)
class GatewayDiskFullTest {

  private static final List<ForwardRuleConfig> FORWARD = List.of(
      new ForwardRuleConfig("sensors/#", "dt/${gatewayId}/${clientId}", 1, null, 0));
  private static final int QUOTA_EXCEEDED = 0x97;

  @TempDir
  Path dir;

  private RestartableIotCore iotCore;
  private SmallDisk disk;
  private Gateway gateway;
  private V5Device sensor;

  @BeforeEach
  void iotCore(Vertx vertx) throws Exception {
    iotCore = RestartableIotCore.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (sensor != null) {
        sensor.close();
      }
      if (gateway != null) {
        Fixture.await(gateway.stop());
      }
      iotCore.close();
    } finally {
      // always, and only once the gateway has closed its files
      if (disk != null) {
        disk.close();
      }
    }
  }

  @Test
  void aFullDiskRefusesNewMessagesKeepsTheAcceptedOnesAndRecoversWhenSpaceReturns() throws Exception {
    disk = SmallDisk.mount(dir.resolve("disk"), "2m");
    SpoolConfig spool = TestConfigs.SPOOL.withDirectory(disk.root().resolve("spool"));
    start(spool);
    iotCore.stop();
    UpstreamGateway.reached(gateway, LinkState.RETRYING).get(20, TimeUnit.SECONDS);
    sensor = V5Device.connect(gateway.port("lan"), "sensor-disk");
    for (int i = 0; i < 10; i++) {
      assertThat(sensor.publish("sensors/x", Integer.toString(i), 1, false).getReasonCodes())
          .as("message %d, before the disk is full", i).containsExactly(0);
    }

    long filler = disk.fill();
    assertThat(disk.usableSpace()).as("free space after writing a %d-byte filler", filler).isZero();
    for (int i = 10; i < 13; i++) {
      assertThat(sensor.publish("sensors/x", Integer.toString(i), 1, false).getReasonCodes())
          .as("message %d, with the disk full", i).containsExactly(QUOTA_EXCEEDED);
    }

    SpoolStats full = gateway.spoolStats().orElseThrow();
    assertThat(full.storageFailing()).isTrue();
    assertThat(full.refusedStorage()).isEqualTo(3);
    assertThat(full.messages()).as("messages accepted before the disk filled").isEqualTo(10);
    assertThat(sensor.client().isConnected()).as("the device's connection").isTrue();

    disk.free();
    for (int i = 13; i < 15; i++) {
      assertThat(sensor.publish("sensors/x", Integer.toString(i), 1, false).getReasonCodes())
          .as("message %d, with space again", i).containsExactly(0);
    }
    SpoolStats recovered = gateway.spoolStats().orElseThrow();
    assertThat(recovered.storageFailing()).isFalse();
    assertThat(recovered.messages()).isEqualTo(12);

    // what was accepted is on disk: a gateway started afresh on the same spool sends all of it
    Fixture.await(gateway.stop());
    gateway = null;
    iotCore.restart();
    start(spool);
    Fixture.await(iotCore.simulator().awaitArrivals(a -> a.payloadText().equals("14"), 1));

    List<String> accepted = Stream.concat(IntStream.range(0, 10).boxed(), Stream.of(13, 14))
        .map(String::valueOf).toList();
    assertThat(iotCore.arrivals().stream().map(Arrival::payloadText).toList())
        .as("what IoT Core received: every accepted message once, in order; none of the refused")
        .containsExactlyElementsOf(accepted);
  }

  private void start(SpoolConfig spool) throws Exception {
    gateway = UpstreamGateway.start(UpstreamGateway.config(iotCore.upstream(1, 10_000), null, FORWARD, List.of(),
        l -> l, spool));
    UpstreamGateway.reached(gateway, LinkState.CONNECTED).get(20, TimeUnit.SECONDS);
  }
}
