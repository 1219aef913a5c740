package io.edgegateway.bench.micro;

import io.edgegateway.message.Message;
import io.edgegateway.route.ForwardRule;
import io.edgegateway.route.Route;
import io.edgegateway.route.Router;
import io.edgegateway.route.RuleException;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rule mapping: {@link Router#forward} on a device's message, with six forward rules tried in order. The
 * message either matches the fifth rule, whose template takes the gateway id, the client id and the
 * topic from its second level ({@code dt/${gatewayId}/${clientId}/${topic[1:]}}), or the last one, a
 * Basic Ingest rule with single-level selections ({@code ${topic[1]}/${topic[3]}}); each call checks
 * IoT Core's limits and renders a new upstream topic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RouterForwardBenchmark {

  @Param({"sensors/line-3/dev-0042/temperature", "meters/dev-0042/power/phase-2"})
  public String topic;

  private Router router;
  private Message message;

  @Setup
  public void compileRules() throws RuleException {
    String gatewayId = "gw-plant-7";
    router = new Router(List.of(
        ForwardRule.compile(0, "sensors/secret/#", "never/${topic}", 1, null, gatewayId),
        ForwardRule.compile(1, "$SYS/#", "sys/${gatewayId}/${topic[1:]}", 0, null, gatewayId),
        ForwardRule.compile(2, "+/status", "status/${gatewayId}/${topic[0]}", 0, "status_rule", gatewayId),
        ForwardRule.compile(3, "alarms/+/+", "alarm/${gatewayId}/${topic[1]}/${topic[2]}", 1, null, gatewayId),
        ForwardRule.compile(4, "sensors/#", "dt/${gatewayId}/${clientId}/${topic[1:]}", 1, null, gatewayId),
        ForwardRule.compile(5, "meters/+/+/+", "${topic[1]}/${topic[3]}", 1, "meter_readings", gatewayId)),
        List.of());
    message = new Message(topic, Buffer.buffer(new byte[256]), 1, false, "dev-0042", "dev-0042",
        MqttProperties.NO_PROPERTIES, Long.MAX_VALUE);
    if (!(router.forward(message) instanceof Route.Forward)) {
      throw new IllegalStateException("the benchmark's message is not forwarded: " + router.forward(message));
    }
  }

  @Benchmark
  public Route forward() {
    return router.forward(message);
  }
}
