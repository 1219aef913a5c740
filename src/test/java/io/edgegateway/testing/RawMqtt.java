package io.edgegateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A raw MQTT 3.1.1 socket for the cases a well-behaved client library cannot produce: resent QoS 2
 * packets, malformed bytes, half-open sockets, a device that never reads.
 */
public final class RawMqtt implements AutoCloseable {

  /** One packet read from the gateway. */
  public record Packet(int type, int flags, byte[] body) {
  }

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  public RawMqtt(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
  }

  public Socket socket() {
    return socket;
  }

  /** Sends an MQTT 3.1.1 CONNECT (clean session) and returns the CONNACK return code. */
  public int connect(String clientId, int keepAlive) throws IOException {
    return connect(clientId, keepAlive, true);
  }

  /** Sends an MQTT 3.1.1 CONNECT and returns the CONNACK return code. */
  public int connect(String clientId, int keepAlive, boolean cleanSession) throws IOException {
    return connect(clientId, keepAlive, cleanSession, null);
  }

  /**
   * Sends an MQTT 3.1.1 CONNECT and returns the CONNACK return code.
   *
   * @param username a username without password (as Mosquitto's ACL tests need), or null
   */
  public int connect(String clientId, int keepAlive, boolean cleanSession, String username) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, "MQTT");
    body.write(4);
    body.write((cleanSession ? 0x02 : 0x00) | (username != null ? 0x80 : 0));
    body.write(keepAlive >> 8);
    body.write(keepAlive & 0xFF);
    writeString(body, clientId);
    if (username != null) {
      writeString(body, username);
    }
    send(0x10, body.toByteArray());
    Packet connack = read();
    if (connack.type() != 2) {
      throw new IOException("expected CONNACK, got packet type " + connack.type());
    }
    return connack.body()[1];
  }

  public void publish(String topic, String payload, int qos, int packetId, boolean dup) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, topic);
    if (qos > 0) {
      body.write(packetId >> 8);
      body.write(packetId & 0xFF);
    }
    body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
    send(0x30 | (dup ? 0x08 : 0) | (qos << 1), body.toByteArray());
  }

  public void puback(int packetId) throws IOException {
    send(0x40, new byte[] {(byte) (packetId >> 8), (byte) packetId});
  }

  public void pubrel(int packetId) throws IOException {
    send(0x62, new byte[] {(byte) (packetId >> 8), (byte) packetId});
  }

  public void subscribe(int packetId, String filter, int qos) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(packetId >> 8);
    body.write(packetId & 0xFF);
    writeString(body, filter);
    body.write(qos);
    send(0x82, body.toByteArray());
  }

  /** Packet id of a QoS 1 or 2 PUBLISH read from the gateway. */
  public static int packetId(Packet publish) {
    int topicLength = ((publish.body()[0] & 0xFF) << 8) | (publish.body()[1] & 0xFF);
    return ((publish.body()[2 + topicLength] & 0xFF) << 8) | (publish.body()[3 + topicLength] & 0xFF);
  }

  /** Payload of a QoS 1 or 2 PUBLISH read from the gateway, as UTF-8. */
  public static String payload(Packet publish) {
    int topicLength = ((publish.body()[0] & 0xFF) << 8) | (publish.body()[1] & 0xFF);
    int start = 4 + topicLength;
    return new String(publish.body(), start, publish.body().length - start, StandardCharsets.UTF_8);
  }

  /**
   * Subscribes and returns the SUBACK return code (the granted QoS, or 0x80 for failure),
   * acknowledging any message that arrives first.
   */
  public int subscribeAndWait(int packetId, String filter, int qos) throws IOException {
    subscribe(packetId, filter, qos);
    while (true) {
      Packet p = read();
      if (p.type() == 9) {
        return p.body()[2] & 0xFF;
      }
      acknowledge(p, new java.util.ArrayList<>());
    }
  }

  /**
   * Sends PINGREQ and returns the topics of the messages received before the PINGRESP, acknowledging
   * them: what arrived before the gateway answered the ping is everything it had sent.
   */
  public java.util.List<String> topicsReceivedBeforePing() throws IOException {
    send(0xC0, new byte[0]);
    java.util.List<String> topics = new java.util.ArrayList<>();
    while (true) {
      Packet p = read();
      if (p.type() == 13) {
        return topics;
      }
      acknowledge(p, topics);
    }
  }

  private void acknowledge(Packet p, java.util.List<String> topics) throws IOException {
    if (p.type() != 3) {
      return;
    }
    int topicLength = ((p.body()[0] & 0xFF) << 8) | (p.body()[1] & 0xFF);
    topics.add(new String(p.body(), 2, topicLength, StandardCharsets.UTF_8));
    if (((p.flags() >> 1) & 3) == 1) {
      puback(packetId(p));
    }
  }

  /** Writes arbitrary bytes. */
  public void writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  public void send(int header, byte[] body) throws IOException {
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(header);
    int len = body.length;
    do {
      int digit = len % 128;
      len /= 128;
      packet.write(len > 0 ? digit | 0x80 : digit);
    } while (len > 0);
    packet.writeBytes(body);
    out.write(packet.toByteArray());
    out.flush();
  }

  /** Reads the next packet; fails after 10 s without one. */
  public Packet read() throws IOException {
    int header = in.readUnsignedByte();
    int len = 0;
    int shift = 0;
    int b;
    do {
      b = in.readUnsignedByte();
      len |= (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    byte[] body = new byte[len];
    in.readFully(body);
    return new Packet(header >> 4, header & 0x0F, body);
  }

  /** Whether the gateway has closed the socket: reads until end of stream, failing after 10 s. */
  public boolean closedByPeer() throws IOException {
    try {
      while (in.read() >= 0) {
        // discard whatever was still in flight
      }
      return true;
    } catch (EOFException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b.length >> 8);
    out.write(b.length & 0xFF);
    out.writeBytes(b);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
