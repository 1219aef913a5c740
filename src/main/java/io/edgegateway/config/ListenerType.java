package io.edgegateway.config;

/** Transport of a listener, as written in the config file. */
public enum ListenerType {
  TCP("tcp", false, false),
  TLS("tls", true, false),
  WS("ws", false, true),
  WSS("wss", true, true);

  private final String configName;
  private final boolean tls;
  private final boolean webSocket;

  ListenerType(String configName, boolean tls, boolean webSocket) {
    this.configName = configName;
    this.tls = tls;
    this.webSocket = webSocket;
  }

  public String configName() {
    return configName;
  }

  public boolean tls() {
    return tls;
  }

  public boolean webSocket() {
    return webSocket;
  }
}
