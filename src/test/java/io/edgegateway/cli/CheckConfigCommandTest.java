package io.edgegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

class CheckConfigCommandTest {

  @TempDir
  Path dir;

  record Result(int exitCode, String out, String err) {
  }

  private static Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new CheckConfigCommand(env));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theShippedConfigurationIsValidAndPrintedWithItsDefaults() {
    Result r = run(Map.of(), "--config", "config/gateway.yaml");

    assertThat(r.exitCode()).isZero();
    Map<String, Object> printed = (Map<String, Object>) new Load(LoadSettings.builder().build())
        .loadFromString(r.out());
    assertThat(printed).containsKeys("gatewayId", "listeners", "limits", "upstream", "spool", "forward");
    assertThat((Map<String, Object>) printed.get("spool")).containsEntry("timeToLive", "7d")
        .containsEntry("overflow", "refuse-new");
  }

  @Test
  void environmentOverridesAreApplied() {
    Result r = run(Map.of("EDGE_GATEWAY_GATEWAY_ID", "site-42"), "--config", "config/gateway.yaml");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("gatewayId: site-42");
  }

  @Test
  void secretsAreRedactedAndWhereTheyComeFromIsShown() throws Exception {
    Path cfg = dir.resolve("gateway.yaml");
    Files.writeString(cfg, """
        listeners:
          - name: local
            port: 1883
        upstream:
          endpoint: example-ats.iot.eu-west-1.amazonaws.com
          credentials:
            username: gateway-1
            password: "s3cr3t-Value"
        """);
    Result r = run(Map.of(), "--config", cfg.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out() + r.err()).doesNotContain("s3cr3t-Value");
    assertThat(r.out()).contains("password: (secret, from");
    assertThat(r.err()).contains("warning:");
  }

  @Test
  void anInvalidSettingExitsWith2AndNamesTheKeyAndLine() throws Exception {
    Path cfg = dir.resolve("gateway.yaml");
    Files.writeString(cfg, """
        gatewayId: test
        limits:
          maxConnections: lots
        """);
    Result r = run(Map.of(), "--config", cfg.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("limits.maxConnections").contains(":3");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aBadLineInThePasswordFileExitsWith2AndNamesTheLine() throws Exception {
    Path passwd = Files.writeString(dir.resolve("passwd"), "alice:$7$not-a-hash\n");
    Path cfg = dir.resolve("gateway.yaml");
    Files.writeString(cfg, """
        listeners:
          - name: local
            port: 1883
        auth:
          passwordFile: %s
        """.formatted(passwd));
    Result r = run(Map.of(), "--config", cfg.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(passwd.toString()).contains(":1");
  }

  @Test
  void quietPrintsNothingWhenValid() {
    Result r = run(Map.of(), "--config", "config/gateway.yaml", "--quiet");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
  }
}
