package io.edgegateway.bench.gateway;

/**
 * One side's figures at one QoS.
 *
 * @param qos         the QoS devices published and the side forwarded at
 * @param side        which side
 * @param arrivedRate throughput mode: messages per second that arrived at the simulator (IoT Core)
 * @param acceptedRate throughput mode: messages per second the devices completed (QoS 1: PUBACKed by the side;
 *                    QoS 0: written to the socket)
 * @param latencyRate latency mode: the fixed total rate, messages per second
 * @param sent        latency mode: messages sent in the measured window
 * @param samples     latency mode: how many of those arrived
 * @param p50         latency (device publish to simulator receipt), milliseconds
 * @param p99         milliseconds
 * @param max         milliseconds
 * @param throughputProcess the side's process over throughput mode's measured window
 * @param latencyProcess    the side's process over latency mode's measured window
 */
record BenchResult(int qos, String side, double arrivedRate, double acceptedRate, double latencyRate, long sent,
    long samples, double p50, double p99, double max, ProcessMeter.Figures throughputProcess,
    ProcessMeter.Figures latencyProcess) {

  static BenchResult throughput(int qos, String side, double arrivedRate, double acceptedRate,
      ProcessMeter.Figures process) {
    return new BenchResult(qos, side, arrivedRate, acceptedRate, 0, 0, 0, 0, 0, 0, process, ProcessMeter.Figures.NONE);
  }

  BenchResult withLatency(double rate, long sentCount, long[] sortedNanos, ProcessMeter.Figures process) {
    return new BenchResult(qos, side, arrivedRate, acceptedRate, rate, sentCount, sortedNanos.length,
        percentile(sortedNanos, 0.50), percentile(sortedNanos, 0.99),
        sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6, throughputProcess,
        process);
  }

  /** Nearest rank, in milliseconds; NaN without samples. */
  static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1e6;
  }
}
