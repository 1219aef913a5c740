package io.edgegateway.bench.gateway;

/**
 * One run of the per-device identity pass: devices connected at once, then publishing QoS 1 at one message per
 * second each, through the gateway with one identity ({@code upstream.identity}).
 *
 * @param identity            {@code device} (each device on its own upstream connection) or {@code gateway} (the
 *                            gateway's identity on its 16 connections, the baseline)
 * @param devices             devices connected
 * @param connectsPerSecond   {@code upstream.devices.connectsPerSecond}; 0 with the gateway's identity
 * @param upstreamConnections the gateway's connections open at the simulator once every device had its CONNACK
 * @param connectSeconds      from the first device's CONNECT to the last device's CONNACK
 * @param rssBeforeMb         VmRSS of the started gateway before any device connected, MiB
 * @param rssConnectedMb      VmRSS once every device had its CONNACK, MiB
 * @param settleSeconds       from the last CONNACK until the gateway's CPU settled (under a tenth of a core over
 *                            half a second): with identity device, what it does for each accepted device after
 *                            its CONNACK (the verifier for offline admission)
 * @param connectCpuSeconds   the gateway's CPU seconds from the first CONNECT until it settled
 * @param rssSettledMb        VmRSS once it settled, MiB
 * @param idleCpu             the gateway's CPU seconds per second (share of one core) with every device connected
 *                            and none publishing, over the warm-up's length after it settled
 * @param published           messages the devices sent
 * @param acknowledged        of those, PUBACKed to the devices
 * @param arrived             distinct messages that arrived at the simulator
 * @param lost                acknowledged but never arrived
 * @param duplicates          arrivals beyond each message's first
 * @param foreign             identity device: arrivals under another client id than their device's own; -1 with
 *                            the gateway's identity (not checked: its own client ids carry every device)
 * @param p50                 latency, device publish to simulator receipt, milliseconds
 * @param p99                 milliseconds
 * @param process             the gateway's process over the measured window (CPU per message arrived in it)
 * @param threads             the gateway's threads at the end
 */
record DeviceResult(String identity, int devices, int connectsPerSecond, long upstreamConnections,
    double connectSeconds, double rssBeforeMb, double rssConnectedMb, double settleSeconds,
    double connectCpuSeconds, double rssSettledMb, double idleCpu, long published, long acknowledged,
    long arrived, long lost, long duplicates, long foreign, double p50, double p99, ProcessMeter.Figures process,
    int threads) {

  /** Resident memory the devices' connections added, per device, MiB, once the gateway settled. */
  double mbPerDevice() {
    return devices == 0 ? Double.NaN : (rssSettledMb - rssBeforeMb) / devices;
  }

  /** CPU milliseconds per device connected, from the first CONNECT until the gateway settled. */
  double connectCpuMillisPerDevice() {
    return devices == 0 ? Double.NaN : connectCpuSeconds * 1000 / devices;
  }
}
