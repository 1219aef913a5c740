package io.edgegateway.config;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads one element of {@code listeners}. The defaults depend on other keys: the port on the type, the
 * name on type and port, and {@code allowAnonymous} on whether the host is a loopback address
 * (Mosquitto 2's secure default: a listener reachable from the network needs credentials unless it
 * says otherwise).
 */
final class ListenerReader {

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  static final String DEFAULT_HOST = "127.0.0.1";
  private static final List<String> TYPES =
      Arrays.stream(ListenerType.values()).map(ListenerType::configName).toList();

  private ListenerReader() {
  }

  static ListenerDraft read(ConfigSection section, ReadContext context) {
    SettingReader r = new SettingReader(section, context);
    String typeName = r.choice("type", ListenerType.TCP.configName(), TYPES);
    ListenerType type = byName(typeName);
    int port = r.integer("port", defaultPort(type), 0, 65_535);
    String host = r.host("host", DEFAULT_HOST);
    String name = r.string("name", type.configName() + "-" + port, NAME,
        "must be 1 to 32 letters, digits, '_' or '-'");
    boolean anonymousExplicit = section.isSet("allowAnonymous");
    boolean allowAnonymous = r.bool("allowAnonymous", Hosts.isLoopback(host));
    ListenerType judgedType = section.failed("type") ? null : type;
    TlsConfig tls = TlsReader.read(section.section("tls"), judgedType, section, context);
    return new ListenerDraft(new ListenerConfig(name, type, host, port, allowAnonymous, tls), section, anonymousExplicit);
  }

  /** 1883 for tcp, 8883 for tls, 8080 for ws, 8443 for wss: the usual MQTT ports. */
  static int defaultPort(ListenerType type) {
    return switch (type) {
      case TCP -> 1883;
      case TLS -> 8883;
      case WS -> 8080;
      case WSS -> 8443;
    };
  }

  private static ListenerType byName(String configName) {
    return Arrays.stream(ListenerType.values())
        .filter(t -> t.configName().equals(configName))
        .findFirst()
        .orElseThrow();
  }
}
