package io.edgegateway.authorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpGoesToStdoutAndSucceeds() {
    assertThat(run("help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("invoke").contains("serve --port N");
  }

  @Test
  void badCommandLinesExitWith2AndTheUsageOnStderr() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("deploy")).isEqualTo(2);
    assertThat(run("invoke", "extra")).isEqualTo(2);
    assertThat(run("serve")).isEqualTo(2);
    assertThat(run("serve", "--port", "http")).isEqualTo(2);
    assertThat(run("serve", "--port", "70000")).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
  }

  @Test
  void portArgument() {
    assertThat(Main.port(new String[] {"serve", "--port", "0"})).isZero();
    assertThat(Main.port(new String[] {"serve", "--port", "9001"})).isEqualTo(9001);
    assertThat(Main.port(new String[] {"serve", "--prot", "9001"})).isNull();
    assertThat(Main.port(new String[] {"serve", "--port", "-1"})).isNull();
  }
}
