package io.edgegateway.authorizer.bench;

import java.util.Arrays;
import java.util.List;

/** Durations in nanoseconds, sorted; percentiles by nearest rank. */
public record Samples(long[] sortedNanos) {
  public Samples {
    if (sortedNanos.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    sortedNanos = sortedNanos.clone();
    Arrays.sort(sortedNanos);
  }

  public static Samples of(List<Long> nanos) {
    return new Samples(nanos.stream().mapToLong(Long::longValue).toArray());
  }

  public int count() {
    return sortedNanos.length;
  }

  /** The p-th percentile (0 < p <= 100), nearest rank, in milliseconds. */
  public double percentileMillis(double p) {
    int rank = (int) Math.ceil(p / 100 * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1e6;
  }

  public double p50Millis() {
    return percentileMillis(50);
  }

  public double p99Millis() {
    return percentileMillis(99);
  }

  public double minMillis() {
    return sortedNanos[0] / 1e6;
  }

  public double maxMillis() {
    return sortedNanos[sortedNanos.length - 1] / 1e6;
  }
}
