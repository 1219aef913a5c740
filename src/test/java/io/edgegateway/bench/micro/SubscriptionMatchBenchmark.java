package io.edgegateway.bench.micro;

import io.edgegateway.local.subscription.Matches;
import io.edgegateway.local.subscription.SharedGroup;
import io.edgegateway.local.subscription.Subscription;
import io.edgegateway.local.subscription.SubscriptionTree;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import java.util.concurrent.TimeUnit;

/**
 * The local broker's "who receives this PUBLISH": {@link SubscriptionTree#match} (collects the answer in
 * lists) and {@link SubscriptionTree#forEachMatch} (hands it to consumers, allocating nothing), on a tree
 * of 10,000 subscriptions shaped like a site's: 3,000 devices each subscribed to their own command,
 * configuration and OTA topics ({@code site/dev-N/cmd/+}, {@code site/dev-N/config/#},
 * {@code site/dev-N/ota/status}), 990 applications each watching one device's telemetry
 * ({@code site/dev-N/telemetry/+}) and 10 watching everyone's ({@code site/+/telemetry/#}).
 *
 * <p>Topics: a command to one device (1 subscriber) and a telemetry reading (11 subscribers).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SubscriptionMatchBenchmark {

  static final int DEVICES = 3_000;
  static final int DEVICE_WATCHERS = 990;
  static final int SITE_WATCHERS = 10;

  @Param({"site/dev-1234/cmd/reboot", "site/dev-42/telemetry/temperature"})
  public String topic;

  private SubscriptionTree<Integer> tree;
  private int found;
  private final Consumer<Subscription<Integer>> countSubscription = s -> found++;
  private final Consumer<SharedGroup<Integer>> countGroup = g -> found++;

  @Setup
  public void buildTree() {
    tree = new SubscriptionTree<>();
    for (int d = 0; d < DEVICES; d++) {
      String client = "dev-" + d;
      tree.put(client, "site/" + client + "/cmd/+", 1);
      tree.put(client, "site/" + client + "/config/#", 1);
      tree.put(client, "site/" + client + "/ota/status", 0);
    }
    for (int a = 0; a < DEVICE_WATCHERS; a++) {
      tree.put("app-" + a, "site/dev-" + a + "/telemetry/+", 0);
    }
    for (int a = 0; a < SITE_WATCHERS; a++) {
      tree.put("dashboard-" + a, "site/+/telemetry/#", 0);
    }
    if (tree.size() != 10_000 || tree.match(topic).isEmpty()) {
      throw new IllegalStateException("the benchmark's tree is not as described: " + tree.size() + " subscriptions");
    }
  }

  /** Collects the matches into lists, as {@code match} returns them. */
  @Benchmark
  public Matches<Integer> match() {
    return tree.match(topic);
  }

  /** Counts the matches through consumers made once: the allocation-free path. */
  @Benchmark
  public int forEachMatch() {
    found = 0;
    tree.forEachMatch(topic, countSubscription, countGroup);
    return found;
  }
}
