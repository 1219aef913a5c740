package io.edgegateway.bench.gateway;

/**
 * One side's SIGKILL phase: QoS 1 devices publishing at a fixed rate, the side's process killed with SIGKILL
 * mid-run and started again on the same state, the devices connecting again and publishing on.
 *
 * @param side         which side
 * @param rate         the devices' total rate, messages per second
 * @param burstRate    0, or the total rate of a burst of {@link GatewayBenchmark#BURST} right before the kill, on
 *                     top of {@code rate}, so that the side holds a backlog when it is killed
 * @param published    publishes handed to the device clients
 * @param acknowledged of those, PUBACKed by the side
 * @param arrived      distinct messages that arrived at the simulator
 * @param lost         acknowledged but never arrived
 * @param duplicates   arrivals beyond a message's first
 * @param restartSeconds from SIGKILL until the restarted side was connected upstream again
 * @param reconnects   devices' successful reconnections
 */
record KillResult(String side, double rate, double burstRate, long published, long acknowledged, long arrived, long lost,
    long duplicates, double restartSeconds, long reconnects) {
}
