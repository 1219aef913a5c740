package io.edgegateway.route;

/** The variables a topic template may name; each kind of template allows some of them. */
public enum TemplateVariable {
  /** {@code ${gatewayId}}: the gateway's id, fixed when the template is compiled. */
  GATEWAY_ID("${gatewayId}"),
  /** {@code ${clientId}}: the client id of the device that published. */
  CLIENT_ID("${clientId}"),
  /** {@code ${username}}: the username the device logged in with; an anonymous device has none. */
  USERNAME("${username}"),
  /** {@code ${topic}}, {@code ${topic[N]}}, {@code ${topic[N:]}}, {@code ${topic[N:M]}}: the topic, or levels of it. */
  TOPIC("${topic}, ${topic[N]}, ${topic[N:]}, ${topic[N:M]}");

  private final String written;

  TemplateVariable(String written) {
    this.written = written;
  }

  /** How a template writes it, for messages. */
  public String written() {
    return written;
  }
}
