package io.edgegateway.config;

import java.util.List;

/**
 * Reads the {@code ops} section: {@code ops.http}, the health and metrics listener. Enabled on
 * 127.0.0.1:9883 by default (9100, Prometheus' usual first choice, is node_exporter's, which often runs
 * on the same Raspberry Pi). Its port must not clash with a device listener's.
 */
final class OpsReader {

  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 9883;

  private OpsReader() {
  }

  static OpsConfig read(ConfigSection section, List<ListenerDraft> listeners, ReadContext context) {
    ConfigSection http = section.section("http");
    SettingReader r = new SettingReader(http, context);
    boolean enabled = r.bool("enabled", true);
    String host = r.host("host", DEFAULT_HOST);
    int port = r.integer("port", DEFAULT_PORT, 0, 65_535);
    OpsHttpConfig config = new OpsHttpConfig(enabled, host, port);
    if (enabled && port != 0 && !http.rejected() && !http.failed("host") && !http.failed("port")) {
      checkClash(http, config, listeners, context);
    }
    return new OpsConfig(config);
  }

  private static void checkClash(ConfigSection http, OpsHttpConfig ops, List<ListenerDraft> listeners,
      ReadContext context) {
    for (ListenerDraft listener : listeners) {
      ConfigSection s = listener.section();
      ListenerConfig l = listener.config();
      if (s.rejected() || s.failed("port") || s.failed("host") || s.failed("type")) {
        continue;
      }
      if (l.port() == ops.port() && Hosts.overlap(l.host(), ops.host())) {
        context.problem(http.originOf("port"), http.pathOf("port"), Hosts.endpoint(ops.host(), ops.port())
            + " clashes with " + s.path() + " (" + l.name() + ") on " + Hosts.endpoint(l.host(), l.port())
            + "; the HTTP listener needs a port of its own");
        return;
      }
    }
  }
}
