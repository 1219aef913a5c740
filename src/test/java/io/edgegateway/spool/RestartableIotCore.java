package io.edgegateway.spool;

import io.edgegateway.config.UpstreamConfig;
import io.edgegateway.iotcore.Arrival;
import io.edgegateway.iotcore.Authorizers;
import io.edgegateway.iotcore.FixedAuthorizer;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.Policies;
import io.edgegateway.iotcore.SimulatorOptions;
import io.edgegateway.upstream.UpstreamGateway;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One IoT Core endpoint that a test takes down and brings back: the simulator on a fixed port, allowing
 * the gateway's identity. What it accepted is kept over every run of the simulator, in order.
 */
final class RestartableIotCore {

  private final Vertx vertx;
  private final SimulatorOptions options;
  private final FixedAuthorizer authorizer = FixedAuthorizer.allowing("gw1", Policies.everything());
  private final List<Consumer<Arrival>> listeners = new CopyOnWriteArrayList<>();
  private final List<Arrival> earlier = new ArrayList<>();
  private IotCoreSimulator simulator;
  private final int port;

  private RestartableIotCore(Vertx vertx, SimulatorOptions options) throws Exception {
    this.vertx = vertx;
    this.options = options;
    simulator = startSimulator(0);
    port = simulator.port();
  }

  /** Starts the simulator, as IoT Core behaves, on a free port. */
  static RestartableIotCore start(Vertx vertx) throws Exception {
    return new RestartableIotCore(vertx, SimulatorOptions.defaults());
  }

  /** Starts the simulator with other options (its port is chosen here). */
  static RestartableIotCore start(Vertx vertx, SimulatorOptions options) throws Exception {
    return new RestartableIotCore(vertx, options);
  }

  private IotCoreSimulator startSimulator(int onPort) throws Exception {
    IotCoreSimulator s = Fixture.start(vertx, options.withPort(onPort),
        Authorizers.single(UpstreamGateway.AUTHORIZER, authorizer));
    s.onArrival(a -> listeners.forEach(l -> l.accept(a)));
    return s;
  }

  /** The running simulator; fails when it is stopped. */
  synchronized IotCoreSimulator simulator() {
    if (simulator == null) {
      throw new IllegalStateException("IoT Core is stopped");
    }
    return simulator;
  }

  synchronized boolean running() {
    return simulator != null;
  }

  /** Closes the listener and every connection: the endpoint refuses connections until {@link #restart()}. */
  void stop() throws Exception {
    IotCoreSimulator s;
    synchronized (this) {
      s = simulator;
      simulator = null;
    }
    Fixture.await(s.close());
    synchronized (this) {
      earlier.addAll(s.arrivals());
    }
  }

  /** Starts the simulator again on the same port, with the same authorizer answer. */
  void restart() throws Exception {
    IotCoreSimulator s = startSimulator(port);
    synchronized (this) {
      simulator = s;
    }
  }

  /** Everything accepted over every run, in order. */
  synchronized List<Arrival> arrivals() {
    List<Arrival> all = new ArrayList<>(earlier);
    if (simulator != null) {
      all.addAll(simulator.arrivals());
    }
    return all;
  }

  /** Tells {@code listener} of every publish accepted from now on, by this run and later ones. */
  void onArrival(Consumer<Arrival> listener) {
    listeners.add(listener);
  }

  /** Accepted CONNECTs with this client id in the current run; 0 while stopped. */
  synchronized long connects(String clientId) {
    return simulator == null ? 0 : simulator.connects(clientId);
  }

  /** The in-process gateway's upstream: this endpoint, {@code connections} connections. */
  UpstreamConfig upstream(int connections, int maxQueued) {
    return UpstreamGateway.upstream(simulator(), UpstreamGateway.password("gw1", "pw-1"), UpstreamGateway.CLIENT_ID,
        connections, maxQueued);
  }

  /** The same as a configuration file's {@code upstream:} section, for a gateway run as a process. */
  String upstreamYaml(String passwordEnv, String clientId, int connections, int maxQueued) {
    return UpstreamGateway.upstreamYaml(simulator(), passwordEnv, clientId, connections, maxQueued);
  }

  void close() throws Exception {
    if (running()) {
      stop();
    }
  }
}
