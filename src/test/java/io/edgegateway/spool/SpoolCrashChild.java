package io.edgegateway.spool;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * A process for {@link SpoolCrashTest}: devices append to the spool as fast as it commits, and each
 * acknowledged append is printed as {@code ACK <id> <device> <sequence>}, until the test kills it.
 */
public final class SpoolCrashChild {

  private static final int DEVICES = 20;

  private SpoolCrashChild() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String run = args[1];
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    for (int d = 0; d < DEVICES; d++) {
      String device = "run" + run + "-device" + d;
      Thread t = new Thread(() -> publish(spool, device), device);
      t.start();
    }
    new CountDownLatch(1).await();
  }

  /** One device: up to 8 appends in flight, sequence numbers in publishing order. */
  private static void publish(SpoolWriter spool, String device) {
    Semaphore inflight = new Semaphore(8);
    for (int seq = 0; ; seq++) {
      inflight.acquireUninterruptibly();
      int n = seq;
      spool.append(SpoolFixture.message(device, n)).onComplete(ar -> {
        if (ar.succeeded()) {
          synchronized (System.out) {
            System.out.println("ACK " + ar.result() + " " + device + " " + n);
            System.out.flush();
          }
        }
        inflight.release();
      });
    }
  }
}
