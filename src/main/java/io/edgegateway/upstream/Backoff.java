package io.edgegateway.upstream;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from {@code min} to {@code max}, each drawn at random from the upper
 * half of its step ("equal jitter"), so a site full of gateways that lost the link together does not
 * come back in lockstep. After a denial by the authorizer the delay is at least {@code denied}: retrying
 * a refused identity quickly only adds load to Cognito.
 */
public final class Backoff {

  private final long minMillis;
  private final long maxMillis;
  private final long deniedMillis;
  private final DoubleSupplier random;
  private int attempts;

  public Backoff(Duration min, Duration max, Duration denied, DoubleSupplier random) {
    this.minMillis = Math.max(1, min.toMillis());
    this.maxMillis = Math.max(minMillis, max.toMillis());
    this.deniedMillis = denied.toMillis();
    this.random = random;
  }

  /** The delay before the next attempt after a network fault or a lost connection. */
  public long nextFaultDelayMillis() {
    long step = Math.min(maxMillis, minMillis << Math.min(attempts, 30));
    attempts++;
    return step / 2 + (long) (random.getAsDouble() * (step - step / 2));
  }

  /** The delay before the next attempt after the authorizer (or Cognito) refused the credentials. */
  public long nextDeniedDelayMillis() {
    return Math.max(deniedMillis, nextFaultDelayMillis());
  }

  /** A connection succeeded: the next fault starts from the minimum again. */
  public void reset() {
    attempts = 0;
  }
}
