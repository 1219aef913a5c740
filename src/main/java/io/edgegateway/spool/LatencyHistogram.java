package io.edgegateway.spool;

import java.util.Arrays;
import java.util.List;

/** Counts commit latencies into fixed buckets; used by the writer thread only. */
final class LatencyHistogram {

  private static final long[] BOUNDS_MICROS =
      {250, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 250_000, 1_000_000};
  private static final List<Long> BOUNDS = Arrays.stream(BOUNDS_MICROS).boxed().toList();

  private final long[] counts = new long[BOUNDS_MICROS.length + 1];
  private long count;
  private long sumNanos;

  void record(long nanos) {
    long micros = nanos / 1_000;
    int i = 0;
    while (i < BOUNDS_MICROS.length && micros > BOUNDS_MICROS[i]) {
      i++;
    }
    counts[i]++;
    count++;
    sumNanos += nanos;
  }

  CommitLatency snapshot() {
    return new CommitLatency(BOUNDS, Arrays.stream(counts).boxed().toList(), count, sumNanos);
  }
}
