package io.edgegateway.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Keeps the micro benchmark harness from rotting: runs every JMH benchmark of this package once, in
 * this JVM, for a fraction of a second (no fork, no warm-up, one 100 ms iteration), and checks that each
 * one and each of its parameter values produced a figure. What the figures are is not checked: timings
 * belong to the full run (docs/BENCHMARKS.md), not to tests.
 */
class MicroBenchmarksSmokeTest {

  private static final List<Class<?>> BENCHMARKS = List.of(SubscriptionMatchBenchmark.class,
      RouterForwardBenchmark.class, SpoolAppendBenchmark.class);

  @Test
  void everyBenchmarkProducesAFigure() throws Exception {
    Options options = new OptionsBuilder()
        .include(MicroBenchmarksSmokeTest.class.getPackageName() + "\\.")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .threads(1)
        .shouldFailOnError(true)
        .build();

    Collection<RunResult> results = new Runner(options).run();

    Set<String> expected = new TreeSet<>();
    for (Class<?> type : BENCHMARKS) {
      for (Method method : type.getDeclaredMethods()) {
        if (method.isAnnotationPresent(Benchmark.class)) {
          expected.add(type.getName() + "." + method.getName());
        }
      }
    }
    Set<String> ran = results.stream().map(r -> r.getParams().getBenchmark()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(ran).isEqualTo(expected);
    // two parameter values per benchmark: both topics, or both durabilities
    assertThat(results).hasSize(expected.size() * 2);
    for (RunResult result : results) {
      assertThat(result.getPrimaryResult().getSampleCount()).as(label(result)).isPositive();
      assertThat(result.getPrimaryResult().getScore()).as(label(result)).isPositive();
    }
  }

  private static String label(RunResult result) {
    return result.getParams().getBenchmark() + " " + result.getParams().getParam("topic") + " "
        + result.getParams().getParam("durability");
  }
}
