package io.edgegateway.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reads this JVM's own figures: they are there and make sense together; never how large they are. */
class ProcessMeterTest {

  @Test
  void readsItsOwnProcess() throws Exception {
    ProcessMeter.Sample sample = ProcessMeter.read(ProcessHandle.current().pid());

    assertThat(sample.cpuTicks()).isPositive();
    assertThat(sample.cpuSeconds()).isPositive();
    assertThat(sample.rchar()).isPositive(); // the JVM read its class files
    assertThat(sample.wchar()).isNotNegative();
    assertThat(sample.readBytes()).isNotNegative();
    assertThat(sample.writeBytes()).isNotNegative();
    assertThat(sample.rssKb()).isPositive();
    assertThat(sample.peakRssKb()).isGreaterThanOrEqualTo(sample.rssKb());
    assertThat(ProcessMeter.clockTicks()).isPositive();
  }

  @Test
  void figuresAreTheDifferenceOverTheWindow() {
    ProcessMeter.Sample from = new ProcessMeter.Sample(100, 0, 10, 0, 4096, 0, 0);
    ProcessMeter.Sample until = new ProcessMeter.Sample(100 + 2 * ProcessMeter.clockTicks(), 0, 30, 0, 12288, 0, 0);

    ProcessMeter.Figures figures = ProcessMeter.Figures.between(from, until, 1000, 2048);

    assertThat(figures.cpuSeconds()).isEqualTo(2.0);
    assertThat(figures.cpuSecondsPerMillion()).isEqualTo(2000.0);
    assertThat(figures.diskBytesPerMessage()).isEqualTo(8.192);
    assertThat(figures.wchar()).isEqualTo(20);
    assertThat(figures.peakRssMb()).isEqualTo(2.0);
  }

  @Test
  void noArrivalsNoPerMessageFigures() {
    ProcessMeter.Figures none = new ProcessMeter.Figures(0, 1.0, 10, 10, 1024);

    assertThat(none.cpuSecondsPerMillion()).isNaN();
    assertThat(none.diskBytesPerMessage()).isNaN();
  }
}
