package io.edgegateway.iotcore;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A raw MQTT 5 client over TLS (SNI {@code localhost}, ALPN {@code mqtt}) for what the libraries will not
 * send or cannot read: a QoS 2 PUBLISH after CONNACK said Maximum QoS 1, and SUBACK 0x97 (which Paho 1.2.5
 * rejects as an invalid return code).
 */
final class RawMqtt5 implements AutoCloseable {
  record Packet(int type, byte[] body) {
  }

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  RawMqtt5(IotCoreSimulator simulator) throws Exception {
    socket = TlsClients.iotCore(simulator.tls()).createSocket("localhost", simulator.port());
    socket.setSoTimeout(10_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
  }

  /** CONNECT (clean start) with a username and password; returns the CONNACK reason code. */
  int connect(String clientId, String username) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    string(body, "MQTT");
    body.write(5);
    body.write(0x02 | 0x80 | 0x40);
    body.write(0);
    body.write(60);
    body.write(0);
    string(body, clientId);
    string(body, username);
    string(body, "pw");
    send(0x10, body.toByteArray());
    return read().body()[1] & 0xFF;
  }

  void publish(String topic, int qos, int packetId) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    string(body, topic);
    if (qos > 0) {
      body.write(packetId >> 8);
      body.write(packetId & 0xFF);
    }
    body.write(0);
    body.write('x');
    send(0x30 | qos << 1, body.toByteArray());
  }

  /** SUBSCRIBE at QoS 1; returns the SUBACK's reason codes. */
  int[] subscribe(int packetId, String... filters) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(packetId >> 8);
    body.write(packetId & 0xFF);
    body.write(0);
    for (String filter : filters) {
      string(body, filter);
      body.write(1);
    }
    send(0x82, body.toByteArray());
    Packet suback = read();
    if (suback.type() != 9) {
      throw new IOException("expected SUBACK, got packet type " + suback.type());
    }
    byte[] b = suback.body();
    int propertiesEnd = 3 + b[2];
    return toUnsigned(Arrays.copyOfRange(b, propertiesEnd, b.length));
  }

  /** The reason code of the DISCONNECT the server sends next (packets before it are skipped). */
  int disconnectReason() throws IOException {
    while (true) {
      Packet packet = read();
      if (packet.type() == 14) {
        return packet.body().length == 0 ? 0 : packet.body()[0] & 0xFF;
      }
    }
  }

  Packet read() throws IOException {
    int header = in.read();
    if (header < 0) {
      throw new EOFException("closed by the server");
    }
    int length = 0;
    int shift = 0;
    int b;
    do {
      b = in.readUnsignedByte();
      length |= (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    byte[] body = new byte[length];
    in.readFully(body);
    return new Packet(header >> 4, body);
  }

  private void send(int header, byte[] body) throws IOException {
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(header);
    int length = body.length;
    do {
      int digit = length % 128;
      length /= 128;
      packet.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    packet.write(body);
    out.write(packet.toByteArray());
    out.flush();
  }

  private static void string(ByteArrayOutputStream out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.write(bytes.length >> 8);
    out.write(bytes.length & 0xFF);
    out.write(bytes, 0, bytes.length);
  }

  private static int[] toUnsigned(byte[] bytes) {
    int[] values = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      values[i] = bytes[i] & 0xFF;
    }
    return values;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
