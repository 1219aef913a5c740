package io.edgegateway.authorizer.cli;

import io.edgegateway.authorizer.AuthorizerFunction;
import io.edgegateway.authorizer.Invocation;
import io.edgegateway.authorizer.event.EventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** {@code invoke}: one event on stdin, its response alone on stdout. Exit 0 whenever a response was printed. */
final class InvokeCommand {
  private InvokeCommand() {
  }

  static int run(InputStream in, PrintStream out, AuthorizerFunction function) {
    byte[] event;
    try {
      event = in.readNBytes(EventParser.MAX_EVENT_BYTES + 1);
    } catch (IOException e) {
      event = new byte[0];
    }
    byte[] response = function.apply(event, Invocation.of(UUID.randomUUID().toString()));
    out.println(new String(response, StandardCharsets.UTF_8));
    out.flush();
    return 0;
  }
}
