package io.edgegateway.local.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The publish path's promise: {@link SubscriptionTree#forEachMatch} allocates nothing per message.
 * Measured with the JVM's per-thread allocation counter, which counts bytes, not time.
 */
class MatchAllocationTest {

  private static final int MATCHES = 10_000;

  private int seen;

  @Test
  void forEachMatchAllocatesNothingPerMessage() {
    com.sun.management.ThreadMXBean threads = allocationCounter();
    SubscriptionTree<Integer> tree = new SubscriptionTree<>();
    for (int i = 0; i < 100; i++) {
      tree.put("c" + i, "site/+/device" + i + "/#", 1);
      tree.put("c" + i, "site/building1/device" + i + "/telemetry", 1);
      tree.put("c" + i, "$share/workers/site/#", 1);
    }
    tree.put("all", "#", 0);
    Consumer<Subscription<Integer>> onSubscription = s -> seen++;
    Consumer<SharedGroup<Integer>> onGroup = g -> seen++;
    String[] topics = {"site/building1/device7/telemetry", "site/building2/device42/status/battery",
      "other/topic", "$SYS/uptime"};
    for (int i = 0; i < MATCHES; i++) {
      tree.forEachMatch(topics[i % topics.length], onSubscription, onGroup);
    }

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < MATCHES; i++) {
      tree.forEachMatch(topics[i % topics.length], onSubscription, onGroup);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(seen).isPositive();
    assertThat(allocated).as("bytes allocated by %d matches", MATCHES).isLessThan(MATCHES);
  }

  private static com.sun.management.ThreadMXBean allocationCounter() {
    assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
        "this JVM has no per-thread allocation counter");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
        "per-thread allocation counting is off");
    return threads;
  }
}
