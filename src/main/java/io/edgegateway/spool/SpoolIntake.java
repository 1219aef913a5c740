package io.edgegateway.spool;

import io.edgegateway.route.Route;
import io.vertx.core.Future;

/**
 * Where forwarded messages enter the spool: a message is safe (its device may be acknowledged) once the
 * transaction holding it has committed to disk; the spool then tells the drain, which sends it upstream.
 */
public final class SpoolIntake {

  private final SpoolWriter spool;
  private final SpoolOptions options;

  public SpoolIntake(SpoolWriter spool, SpoolOptions options) {
    this.spool = spool;
    this.options = options;
  }

  /** Completes once the message is on disk; fails with the spool's refusal (full, disk error). */
  public Future<Void> accept(Route.Forward forward) {
    long now = System.currentTimeMillis();
    return spool.append(SpooledMessage.of(forward, now, options.expiresAt(now))).mapEmpty();
  }
}
