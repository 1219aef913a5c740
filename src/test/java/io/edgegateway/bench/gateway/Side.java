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
  default int start(int qos) throws Exception {
    return start(qos, 0);
  }

  /** As {@link #start(int)}, listening on {@code port} (0: any free one). */
  int start(int qos, int port) throws Exception;

  /** Ends the running process with SIGKILL, keeping what it wrote; returns once it is gone. */
  void kill() throws Exception;

  /**
   * Starts it again after {@link #kill()} on the same state (configuration, port, what it stored) and returns
   * once it is connected upstream.
   */
  void restart() throws Exception;

  /** The running process's id, for /proc figures. */
  long pid();

  /** Stops it and removes what it wrote. */
  @Override
  void close() throws Exception;
}
