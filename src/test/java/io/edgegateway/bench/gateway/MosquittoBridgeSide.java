package io.edgegateway.bench.gateway;

import io.edgegateway.iotcore.IotCoreSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Mosquitto 2 ({@code /usr/sbin/mosquitto}, or the {@code MOSQUITTO} environment variable) as a bridge to the
 * simulator: one connection, MQTT 3.1.1 over TLS with ALPN {@code mqtt}, the same custom-authorizer username
 * and password as the gateway, run as the current user (as root it would otherwise switch to user mosquitto, who
 * cannot read the simulator's CA file). Persistence on, as Debian's own {@code /etc/mosquitto/mosquitto.conf}
 * has it ({@code persistence true}, autosave settings left at their defaults), with its database in the
 * temporary directory that holds the configuration and that {@link #close()} deletes.
 */
final class MosquittoBridgeSide implements Side {
  static final String CLIENT_ID = "bench-mb";

  private final IotCoreSimulator simulator;
  private final BenchCredentials credentials;
  private Path dir;
  private Path conf;
  private Process process;

  MosquittoBridgeSide(IotCoreSimulator simulator, BenchCredentials credentials) {
    this.simulator = simulator;
    this.credentials = credentials;
  }

  static String executable() {
    return System.getenv().getOrDefault("MOSQUITTO", "/usr/sbin/mosquitto");
  }

  @Override
  public String name() {
    return "mosquitto bridge";
  }

  @Override
  public String upstreamPrefix() {
    return "dt/" + BenchCredentials.GATEWAY_ID + "/mb/";
  }

  @Override
  public int start(int qos, int port) throws Exception {
    close();
    // the previous process's upstream connection is gone before this one's is counted
    Ports.awaitNoUpstream(simulator, CLIENT_ID::equals);
    dir = Files.createTempDirectory("bench-mosquitto-");
    if (port == 0) {
      port = Ports.free();
    }
    Path store = Files.createDirectory(dir.resolve("persistence"));
    conf = Files.writeString(dir.resolve("mosquitto.conf"), """
        user %s
        listener %d 127.0.0.1
        allow_anonymous true
        persistence true
        persistence_location %s/
        log_dest file %s
        connection iotcore
        address localhost:%d
        bridge_protocol_version mqttv311
        bridge_cafile %s
        bridge_alpn mqtt
        remote_clientid %s
        remote_username %s?x-amz-customauthorizer-name=%s
        remote_password %s
        cleansession true
        try_private false
        notifications false
        topic # out %d sensors/ %s
        """.formatted(System.getProperty("user.name"), port, store.toAbsolutePath(), dir.resolve("mosquitto.log").toAbsolutePath(), simulator.port(), simulator.tls().ca().toAbsolutePath(), CLIENT_ID,
        credentials.username(), credentials.authorizer(), credentials.password(), qos, upstreamPrefix()));
    launch();
    return port;
  }

  private void launch() throws Exception {
    process = new ProcessBuilder(List.of(executable(), "-c", conf.toString())).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile())).start();
    Ports.awaitUpstream(simulator, CLIENT_ID::equals, 1, process::isAlive, this::log);
  }

  @Override
  public void kill() throws Exception {
    process.toHandle().destroyForcibly();
    process.waitFor();
    process = null;
  }

  @Override
  public void restart() throws Exception {
    // the killed bridge's upstream connection is gone before the new one's is counted
    Ports.awaitNoUpstream(simulator, CLIENT_ID::equals);
    launch();
  }

  private String log() {
    try {
      // the log never holds the password: mosquitto does not print it
      return Files.readString(dir.resolve("mosquitto.out")) + Files.readString(dir.resolve("mosquitto.log"));
    } catch (Exception e) {
      return "(no log)";
    }
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws Exception {
    if (process != null) {
      process.destroy();
      process.waitFor();
      process = null;
    }
    if (dir != null) {
      Ports.deleteRecursively(dir);
      dir = null;
    }
  }
}
