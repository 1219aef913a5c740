package io.edgegateway.authorizer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The authorizer benchmark, tiny (20 warm invocations per row, one cold start each), so that its harness
 * keeps working: it checks that figures come out, never what they are (bench/run.sh measures).
 */
class AuthorizerBenchIT {
  @Test
  void producesEveryFigureAndTarget() throws Exception {
    AuthorizerBench.Options defaults = AuthorizerBench.Options.defaults();
    AuthorizerBench.Report report = AuthorizerBench.run(
        new AuthorizerBench.Options(20, 20, 1, defaults.jar(), defaults.seedDirectory()));

    assertThat(report.rows()).extracting(AuthorizerBench.Row::mode).containsExactly("password", "password", "token");
    for (AuthorizerBench.Row row : report.rows()) {
      assertThat(row.warm().count()).as(row.side()).isEqualTo(20);
      assertThat(row.cold().count()).as(row.side()).isEqualTo(1);
      assertThat(row.warm().p50Millis()).as(row.side()).isPositive();
      assertThat(row.warm().p99Millis()).as(row.side()).isGreaterThanOrEqualTo(row.warm().p50Millis());
      assertThat(row.cold().p50Millis()).as(row.side()).isPositive();
    }
    assertThat(report.row("password", "seed").side()).contains("Node");
    assertThat(report.targets()).hasSize(5).allSatisfy(t -> assertThat(t.ratio()).isPositive());
    assertThat(AuthorizerBench.text(report)).contains("token mode warm p99", "cold start");
    assertThat(AuthorizerBench.markdown(report)).contains("| password | ours", "| password | seed", "| token | ours");
  }

  @Test
  void theSeedsFunctionIsInTheRepository() {
    assertThat(AuthorizerBench.Options.defaults().seedDirectory().resolve("index.js")).exists();
    assertThat(Path.of(System.getProperty("authorizer.jar"))).exists();
  }
}
