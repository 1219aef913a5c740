package io.edgegateway.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.iotcore.Arrival;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Lost and duplicate messages counted from acknowledgements and tagged arrivals. */
class DeliveryLedgerTest {
  private static final String PREFIX = "dt/bench/gw/";

  @Test
  void lostIsAcknowledgedButNeverArrivedAndDuplicatesAreRepeatArrivals() {
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.begin(7, PREFIX);
    ledger.acknowledged(0, 1);
    ledger.acknowledged(0, 2);
    ledger.acknowledged(1, 1);

    ledger.onArrival(arrival(PREFIX, 7, 0, 1));
    ledger.onArrival(arrival(PREFIX, 7, 0, 1)); // again: a duplicate
    ledger.onArrival(arrival(PREFIX, 7, 1, 1));
    ledger.onArrival(arrival(PREFIX, 7, 1, 2)); // arrived without its PUBACK reaching the device: not lost
    ledger.onArrival(arrival(PREFIX, 8, 0, 2)); // another phase
    ledger.onArrival(arrival("dt/bench/mb/", 7, 0, 2)); // the other side

    DeliveryLedger.Counts counts = ledger.end();

    assertThat(counts).isEqualTo(new DeliveryLedger.Counts(3, 3, 1, 1));
  }

  @Test
  void devicesAndSequencesDoNotCollide() {
    assertThat(DeliveryLedger.key(1, 0)).isNotEqualTo(DeliveryLedger.key(0, 1L << 39));
    assertThat(DeliveryLedger.key(999, 5)).isNotEqualTo(DeliveryLedger.key(998, 5));
  }

  private static Arrival arrival(String prefix, int phase, int device, long sequence) {
    byte[] payload = new byte[200];
    ByteBuffer.wrap(payload).putLong(System.nanoTime()).putInt(phase).putInt(device).putLong(sequence);
    return new Arrival(Instant.now(), System.nanoTime(), "bench-gw-0", "benchuser", prefix + "d/data", payload, 1,
        false, null, null, "c1");
  }
}
