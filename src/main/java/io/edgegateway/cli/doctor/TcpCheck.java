package io.edgegateway.cli.doctor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/** Step 3: a TCP connection to the endpoint's port, trying each address in turn. */
final class TcpCheck {

  static final String STEP = "TCP";

  private TcpCheck() {
  }

  /** The connected socket, or null with the failure reported. */
  static Socket connect(List<InetAddress> addresses, int port, Duration timeout, Report report) {
    IOException last = null;
    InetAddress lastAddress = null;
    for (InetAddress address : addresses) {
      Socket socket = new Socket();
      long started = System.nanoTime();
      try {
        socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
        report.add(Check.ok(STEP, "connected to " + address.getHostAddress() + " port " + port + " in "
            + (System.nanoTime() - started) / 1_000_000 + " ms"));
        return socket;
      } catch (IOException e) {
        closeQuietly(socket);
        last = e;
        lastAddress = address;
      }
    }
    String where = (addresses.size() > 1 ? "any of its " + addresses.size() + " addresses, last "
        : "") + lastAddress.getHostAddress() + " port " + port;
    report.add(failure(last, where, port, timeout));
    return null;
  }

  private static Check failure(IOException e, String where, int port, Duration timeout) {
    if (e instanceof ConnectException) {
      return Check.failed(STEP, "nothing accepts connections on " + where + " (connection refused)",
          "check upstream.port (IoT Core's custom authentication over MQTT uses 443)");
    }
    if (e instanceof SocketTimeoutException) {
      return Check.failed(STEP, "no answer from " + where + " within " + timeout.toSeconds() + " s",
          "a firewall or proxy may block outbound TCP port " + port);
    }
    if (e instanceof NoRouteToHostException) {
      return Check.failed(STEP, "no route to " + where, "check this machine's network connection");
    }
    return Check.failed(STEP, "cannot connect to " + where + " (" + e.getMessage() + ")",
        "check the network connection and upstream.port");
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
