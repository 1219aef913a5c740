package io.edgegateway.ops;

import io.edgegateway.Gateway;
import io.edgegateway.local.BrokerStats;
import io.edgegateway.spool.SpoolStats;

/**
 * The gateway's message counters at one moment, totals since start. Read from counters the gateway keeps
 * anyway; taking one costs a few sums, nothing on the message path.
 *
 * @param atMillis    epoch milliseconds when read
 * @param fromDevices messages devices published to the gateway
 * @param toDevices   messages the gateway delivered to devices (local and downlink)
 * @param upstream    messages IoT Core acknowledged (removed from the spool); 0 for a local-only gateway
 * @param downlink    messages from IoT Core delivered by a downlink rule; 0 for a local-only gateway
 * @param dropped     messages dropped or refused at any stage
 */
record TrafficSample(long atMillis, long fromDevices, long toDevices, long upstream, long downlink, long dropped) {

  static TrafficSample read(Gateway gateway, long nowMillis) {
    BrokerStats broker = gateway.stats();
    long dropped = 0;
    for (BrokerStats.Drop reason : BrokerStats.Drop.values()) {
      // a 3.1.1 device's message refused on its way upstream is also counted by the routing step
      if (reason != BrokerStats.Drop.REFUSED_UPSTREAM) {
        dropped += broker.drops(reason);
      }
    }
    long upstream = 0;
    long downlink = 0;
    if (gateway.upstreamEnabled()) {
      long refusedByIotCore = gateway.upstreamRefusedByIotCore();
      dropped += sum(gateway.routeStats().refused().values()) + gateway.upstreamRefusedQueueFull() + refusedByIotCore;
      downlink = sum(gateway.routeStats().delivered().values());
      SpoolStats spool = gateway.spoolStats().orElse(null);
      if (spool != null) {
        // the spool deletes what IoT Core refused for good too: that was dropped, not forwarded
        upstream = Math.max(0, spool.deleted() - refusedByIotCore);
        dropped += spool.expired() + spool.droppedOverflow() + spool.droppedBehind() + spool.refusedFull() + spool.refusedStorage();
      }
    }
    return new TrafficSample(nowMillis, broker.messagesReceived(), broker.messagesSent(), upstream, downlink,
        dropped);
  }

  private static long sum(Iterable<Long> values) {
    long total = 0;
    for (long v : values) {
      total += v;
    }
    return total;
  }
}
