package io.edgegateway.spool;

import java.util.List;

/**
 * How long durable appends waited from {@link SpoolWriter#append} to the commit that made them safe
 * (the time a QoS 1 device waits for its PUBACK, less the network), as a histogram.
 *
 * @param boundsMicros upper bounds of the buckets, in microseconds, increasing
 * @param counts       appends per bucket (not cumulative); one more entry than bounds: above the last bound
 * @param count        appends observed
 * @param sumNanos     their total latency
 */
public record CommitLatency(List<Long> boundsMicros, List<Long> counts, long count, long sumNanos) {

  /** The bucket bound under which at least {@code quantile} of the appends fall; -1 when above all bounds or none. */
  public long upperBoundMicros(double quantile) {
    long needed = (long) Math.ceil(quantile * count);
    long seen = 0;
    for (int i = 0; i < boundsMicros.size(); i++) {
      seen += counts.get(i);
      if (seen >= needed && count > 0) {
        return boundsMicros.get(i);
      }
    }
    return -1;
  }
}
