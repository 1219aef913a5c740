package io.edgegateway.bench.gateway;

/**
 * One side's memory phase: many connected devices each publishing QoS 1 at a low rate.
 *
 * @param side       which side
 * @param devices    connected devices
 * @param options    how the process was started (the gateway's JVM options), for the table
 * @param sent       messages sent in the measured window
 * @param arrived    messages that arrived at the simulator in it
 * @param peakRssMb  VmHWM at the end of the phase, MiB
 * @param rssMb      VmRSS at the end of the phase, MiB
 */
record MemoryResult(String side, int devices, String options, long sent, long arrived, double peakRssMb,
    double rssMb) {
}
