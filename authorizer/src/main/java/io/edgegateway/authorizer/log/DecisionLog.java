package io.edgegateway.authorizer.log;

import io.edgegateway.authorizer.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes one JSON line per decision (and one per configuration error), to stderr in Lambda and on the
 * command line (CloudWatch Logs collects both streams; stdout stays free for the response). Values that
 * come from the device are JSON-escaped and cut to {@value #MAX_VALUE_CHARS} characters.
 * <pre>{"time":"...","event":"decision","connectionId":"...","requestId":"...","username":"alice",
 * "clientId":"alice","mode":"password","decision":"allow","reason":"authenticated",
 * "principalId":"...","durationMs":87}</pre>
 */
public final class DecisionLog {
  static final int MAX_VALUE_CHARS = 128;

  private final Consumer<String> sink;
  private final Clock clock;

  public DecisionLog(Consumer<String> sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  public static DecisionLog toStream(PrintStream stream, Clock clock) {
    return new DecisionLog(line -> {
      stream.println(line);
      stream.flush();
    }, clock);
  }

  public void decision(DecisionRecord record, long durationMillis) {
    Map<String, Object> line = start("decision");
    record.connectionId().ifPresent(v -> line.put("connectionId", cut(v)));
    line.put("requestId", cut(record.requestId()));
    record.username().ifPresent(v -> line.put("username", cut(v)));
    record.clientId().ifPresent(v -> line.put("clientId", cut(v)));
    record.mode().ifPresent(v -> line.put("mode", v));
    line.put("decision", record.allowed() ? "allow" : "deny");
    line.put("reason", record.reason().map(r -> r.code()).orElse("authenticated"));
    record.detail().ifPresent(v -> line.put("detail", v));
    record.principalId().ifPresent(v -> line.put("principalId", v));
    line.put("durationMs", durationMillis);
    write(line);
  }

  /** The configuration could not be read: every invocation will deny until it is fixed. */
  public void configError(String message) {
    Map<String, Object> line = start("config_error");
    line.put("message", message);
    write(line);
  }

  /** Something outside a decision (the local server starting, a failed write). */
  public void info(String event, String message) {
    Map<String, Object> line = start(event);
    line.put("message", message);
    write(line);
  }

  private Map<String, Object> start(String event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", clock.instant().toString());
    line.put("event", event);
    return line;
  }

  private void write(Map<String, Object> line) {
    try {
      sink.accept(Json.write(line));
    } catch (RuntimeException e) {
      sink.accept("{\"event\":\"log_error\",\"message\":\"" + e.getClass().getSimpleName() + "\"}");
    }
  }

  private static String cut(String value) {
    return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS) + "...";
  }
}
