package io.edgegateway.route;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the routing step, by direction, rule and refusal reason. Thread-safe. */
public final class RouteStats {

  private final Map<Integer, LongAdder> forwardedByRule = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> refusedByReason = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> deliveredByDownlinkRule = new ConcurrentHashMap<>();
  private final LongAdder downlinkUnrouted = new LongAdder();

  void forwarded(int ruleIndex) {
    forwardedByRule.computeIfAbsent(ruleIndex, i -> new LongAdder()).increment();
  }

  /** @return true the first time this reason is counted (worth a log line) */
  boolean refused(int reasonCode) {
    boolean[] first = new boolean[1];
    refusedByReason.computeIfAbsent(reasonCode, r -> {
      first[0] = true;
      return new LongAdder();
    }).increment();
    return first[0];
  }

  void delivered(int downlinkRuleIndex) {
    deliveredByDownlinkRule.computeIfAbsent(downlinkRuleIndex, i -> new LongAdder()).increment();
  }

  void unrouted() {
    downlinkUnrouted.increment();
  }

  /** Messages handed upstream, by forward rule index. */
  public Map<Integer, Long> forwarded() {
    return snapshot(forwardedByRule);
  }

  /** Messages refused to their devices before going upstream, by MQTT 5 reason code. */
  public Map<Integer, Long> refused() {
    return snapshot(refusedByReason);
  }

  /** Messages from IoT Core delivered locally, by downlink rule index. */
  public Map<Integer, Long> delivered() {
    return snapshot(deliveredByDownlinkRule);
  }

  /** Messages from IoT Core that no downlink rule could place. */
  public long downlinkUnrouted() {
    return downlinkUnrouted.sum();
  }

  private static Map<Integer, Long> snapshot(Map<Integer, LongAdder> counters) {
    Map<Integer, Long> copy = new TreeMap<>();
    counters.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
