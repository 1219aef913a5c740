package io.edgegateway.upstream;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one upstream connection since start. Written on the link's context, readable from any
 * thread (the metrics endpoint reads them).
 */
public final class LinkCounters {

  private final LongAdder connects = new LongAdder();
  private final LongAdder denials = new LongAdder();
  private final LongAdder throttled = new LongAdder();
  private final LongAdder quotaWaits = new LongAdder();
  private final LongAdder quotaWaitNanos = new LongAdder();

  void connected() {
    connects.increment();
  }

  void denied() {
    denials.increment();
  }

  void throttle() {
    throttled.increment();
  }

  void quotaWait(long nanos) {
    quotaWaits.increment();
    quotaWaitNanos.add(nanos);
  }

  /** Connections established (CONNACK accepted). */
  public long connects() {
    return connects.sum();
  }

  /** Connections established after the first: each one followed a lost, ended or renewed connection. */
  public long reconnects() {
    return Math.max(0, connects.sum() - 1);
  }

  /** Connection attempts the authorizer or Cognito refused. */
  public long denials() {
    return denials.sum();
  }

  /** Messages IoT Core throttled (PUBACK 0x97) and the connection sent again. */
  public long throttledMessages() {
    return throttled.sum();
  }

  /** Times the sending paused because the quota limiter had no room. */
  public long quotaWaits() {
    return quotaWaits.sum();
  }

  /** Total of those pauses. */
  public long quotaWaitNanos() {
    return quotaWaitNanos.sum();
  }
}
