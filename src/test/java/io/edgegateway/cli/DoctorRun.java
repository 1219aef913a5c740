package io.edgegateway.cli;

import io.edgegateway.iotcore.IotCoreSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** {@code edge-gateway doctor} run in this JVM with captured output, and configurations for it. */
final class DoctorRun {

  static final String AUTHORIZER = "gw-auth";
  static final String PASSWORD_VARIABLE = "DOCTOR_TEST_PASSWORD";

  record Result(int exitCode, String out, String err) {

    /** The line of {@code step}, e.g. {@code "TLS        FAILED   ..."}. */
    String line(String step) {
      Matcher m = Pattern.compile("(?m)^" + Pattern.quote(step) + " +.*$").matcher(out);
      return m.find() ? m.group() : "(no line for " + step + " in:\n" + out + ")";
    }

    /** The status word of {@code step}: ok, FAILED or skipped. */
    String status(String step) {
      String[] words = line(step).trim().split(" +");
      return words.length > 1 ? words[1] : "";
    }
  }

  private DoctorRun() {
  }

  static Result run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new DoctorCommand(environment));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * A configuration whose upstream is {@code endpoint:port} with {@code caFile}, through the authorizer
   * {@value #AUTHORIZER}, with {@code credentials} (the YAML of the {@code credentials:} section's keys).
   */
  static Path config(Path dir, String endpoint, int port, Path caFile, String credentials) throws IOException {
    return Files.writeString(dir.resolve("gateway.yaml"), """
        gatewayId: gw1
        listeners:
          - name: local
            port: 1883
        upstream:
          endpoint: %s
          port: %d
          caFile: "%s"
          authorizerName: %s
          clientId: gw1
          credentials:
        %s
        """.formatted(endpoint, port, caFile.toAbsolutePath(), AUTHORIZER, credentials.indent(4).stripTrailing()));
  }

  /**
   * A configuration with {@code upstream.identity: device} whose upstream is {@code endpoint:port} with
   * {@code caFile}, through the authorizer {@value #AUTHORIZER}, with {@code credentials} (the YAML of the
   * {@code credentials:} section's keys: the mode, and in token mode {@code cognito}).
   */
  static Path deviceConfig(Path dir, String endpoint, int port, Path caFile, String credentials) throws IOException {
    return Files.writeString(dir.resolve("gateway.yaml"), """
        gatewayId: gw1
        listeners:
          - name: local
            port: 1883
        upstream:
          identity: device
          endpoint: %s
          port: %d
          caFile: "%s"
          authorizerName: %s
          credentials:
        %s
        """.formatted(endpoint, port, caFile.toAbsolutePath(), AUTHORIZER, credentials.indent(4).stripTrailing()));
  }

  /** Password mode as user gw1, the password from {@value #PASSWORD_VARIABLE}. */
  static Path passwordConfig(Path dir, IotCoreSimulator simulator) throws IOException {
    return config(dir, "localhost", simulator.port(), simulator.tls().ca(), """
        mode: password
        username: gw1
        passwordEnv: %s""".formatted(PASSWORD_VARIABLE));
  }
}
