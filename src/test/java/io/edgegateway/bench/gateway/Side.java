package io.edgegateway.bench.gateway;

/** One of the two things benchmarked: something devices publish to that forwards to IoT Core (the simulator). */
interface Side extends AutoCloseable {

  /** The name in the table. */
  String name();

  /** The upstream topic prefix its forwarded messages arrive under ({@code sensors/x/y} becomes prefix + {@code x/y}). */
  String upstreamPrefix();

  /**
   * Starts it afresh, forwarding at {@code qos}, and returns once it is connected upstream; returns the local
   * MQTT port devices connect to.
   */
  int start(int qos) throws Exception;

  /** The running process's id, for /proc figures. */
  long pid();

  /** Stops it and removes what it wrote. */
  @Override
  void close() throws Exception;
}
