package io.edgegateway.local.auth;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal MQTT 3.1.1 client that reads packets in wire order on the calling thread. The ACL
 * differential test uses it to tell whether a broker delivered a message: the broker answers a
 * PINGREQ after everything it queued for the client before, so a PUBLISH that is not received before
 * the PINGRESP was not delivered. (Paho hands messages and acknowledgements to different threads,
 * which loses that ordering.)
 */
final class RawMqttClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private int packetId = 1;

  private RawMqttClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(10_000); // a broken broker fails the test instead of hanging it
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects with a clean session; {@code username} null connects anonymously. */
  static RawMqttClient connect(int port, String clientId, String username) throws IOException {
    RawMqttClient client = new RawMqttClient(new Socket(InetAddress.getLoopbackAddress(), port));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, "MQTT");
    body.write(4); // protocol level 3.1.1
    body.write(0x02 | (username != null ? 0x80 : 0)); // clean session, username flag
    body.write(0);
    body.write(60); // keep alive
    writeString(body, clientId);
    if (username != null) {
      writeString(body, username);
    }
    client.send(0x10, body.toByteArray());
    Packet connack = client.read();
    if (connack.type() != 2 || connack.body()[1] != 0) {
      client.close();
      throw new IOException("connection refused: CONNACK code " + connack.body()[1]);
    }
    return client;
  }

  /** Subscribes and returns the SUBACK return code (the granted QoS, or 0x80 for failure). */
  int subscribe(String filter, int qos) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int id = packetId++;
    body.write(id >> 8);
    body.write(id);
    writeString(body, filter);
    body.write(qos);
    send(0x82, body.toByteArray());
    while (true) {
      Packet packet = read();
      if (packet.type() == 9) {
        return packet.body()[2] & 0xFF;
      }
      handle(packet, new ArrayList<>());
    }
  }

  /** Sends PINGREQ and returns the topics of the messages received before the PINGRESP. */
  List<String> topicsReceivedBeforePing() throws IOException {
    send(0xC0, new byte[0]);
    List<String> topics = new ArrayList<>();
    while (true) {
      Packet packet = read();
      if (packet.type() == 13) {
        return topics;
      }
      handle(packet, topics);
    }
  }

  private void handle(Packet packet, List<String> topics) throws IOException {
    if (packet.type() != 3) {
      return;
    }
    byte[] b = packet.body();
    int topicLength = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    topics.add(new String(b, 2, topicLength, StandardCharsets.UTF_8));
    int qos = (packet.flags() >> 1) & 3;
    if (qos == 1) {
      send(0x40, new byte[] {b[2 + topicLength], b[3 + topicLength]});
    }
  }

  private record Packet(int type, int flags, byte[] body) {
  }

  private Packet read() throws IOException {
    int first = in.read();
    if (first < 0) {
      throw new EOFException("the broker closed the connection");
    }
    int length = 0;
    int shift = 0;
    int digit;
    do {
      digit = in.readUnsignedByte();
      length |= (digit & 0x7F) << shift;
      shift += 7;
    } while ((digit & 0x80) != 0);
    byte[] body = new byte[length];
    in.readFully(body);
    return new Packet(first >> 4, first & 0x0F, body);
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

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.write(bytes.length >> 8);
    out.write(bytes.length);
    out.write(bytes, 0, bytes.length);
  }

  @Override
  public void close() throws IOException {
    try {
      send(0xE0, new byte[0]);
    } catch (IOException ignored) {
      // already closed by the broker
    } finally {
      socket.close();
    }
  }
}
