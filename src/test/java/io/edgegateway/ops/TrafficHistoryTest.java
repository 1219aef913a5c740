package io.edgegateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficHistoryTest {

  private static TrafficSample at(long millis, long in, long dropped) {
    return new TrafficSample(millis, in, in / 2, in / 4, 0, dropped);
  }

  @Test
  void intervalsAreTheDifferencesBetweenSamplesThenTheOneStillFilling() {
    TrafficHistory history = new TrafficHistory(10);
    history.record(at(0, 0, 0));
    history.record(at(5000, 10, 1));

    List<TrafficHistory.Interval> intervals = history.intervals(at(7000, 14, 1));

    assertThat(intervals).containsExactly(
        new TrafficHistory.Interval(5000, 5.0, 10, 5, 2, 0, 1),
        new TrafficHistory.Interval(7000, 2.0, 4, 2, 1, 0, 0));
  }

  @Test
  void itKeepsOnlyTheNewestSamples() {
    TrafficHistory history = new TrafficHistory(3);
    for (int i = 0; i < 10; i++) {
      history.record(at(i * 5000L, i * 10L, 0));
    }

    List<TrafficHistory.Interval> intervals = history.intervals(at(50_000, 100, 0));

    assertThat(history.size()).isEqualTo(3);
    assertThat(intervals).extracting(TrafficHistory.Interval::endMillis).containsExactly(40_000L, 45_000L, 50_000L);
    assertThat(intervals).extracting(TrafficHistory.Interval::fromDevices).containsOnly(10L);
  }

  @Test
  void noSampleYetMeansNoInterval() {
    assertThat(new TrafficHistory(3).intervals(at(1, 1, 0))).isEmpty();
  }
}
