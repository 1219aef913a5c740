package io.edgegateway.authorizer.bench;

import io.edgegateway.authorizer.Events;
import io.edgegateway.authorizer.it.CognitoLocal;
import io.edgegateway.authorizer.it.TestPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The authorizer benchmark: warm latency (p50, p99 per invocation) and cold start (process start to the
 * first answer) of this project's authorizer, in password mode against cognito-local and in token mode,
 * side by side with the seed article's Node.js function on the same cognito-local. Prints a table; with
 * {@code --markdown FILE} also writes it as Markdown. Run by bench/run.sh; AuthorizerBenchIT runs a tiny
 * version so that the harness keeps working.
 *
 * <pre>
 * java -cp target/authorizer.jar:target/test-classes:JACKSON_JR_JARS io.edgegateway.authorizer.bench.AuthorizerBench \
 *     [--warm N] [--token-warm N] [--cold N] [--jar target/authorizer.jar] [--seed bench/seed] [--markdown FILE]
 * </pre>
 */
public final class AuthorizerBench {
  static final String REGION = "eu-west-1";
  static final String ACCOUNT = "123456789012";
  static final String USERNAME = "bench-user";

  /** Warm invocations (each side, password mode; token mode), cold starts per row; warm-up is a tenth, at least 5. */
  public record Options(int passwordWarm, int tokenWarm, int coldRuns, Path jar, Path seedDirectory) {
    static Options defaults() {
      return new Options(1000, 20000, 10, Path.of(System.getProperty("authorizer.jar", "target/authorizer.jar")),
          Path.of(System.getProperty("seedBench.dir", "bench/seed")));
    }

    static int warmup(int measured) {
      return Math.max(5, measured / 10);
    }
  }

  /** One line of the table; the seed has no token mode, so its token row has no figures. */
  public record Row(String mode, String side, Samples warm, Samples cold) {
  }

  public record Target(String name, String measured, double ratio, boolean met) {
  }

  public record Report(List<Row> rows, List<Target> targets, String nodeVersion, String javaVersion, Options options) {
    public Row row(String mode, String side) {
      return rows.stream().filter(r -> r.mode.equals(mode) && r.side.startsWith(side)).findFirst().orElseThrow();
    }
  }

  private AuthorizerBench() {
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.defaults();
    Path markdown = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--warm" -> options = new Options(Integer.parseInt(value), options.tokenWarm(), options.coldRuns(),
            options.jar(), options.seedDirectory());
        case "--token-warm" -> options = new Options(options.passwordWarm(), Integer.parseInt(value),
            options.coldRuns(), options.jar(), options.seedDirectory());
        case "--cold" -> options = new Options(options.passwordWarm(), options.tokenWarm(), Integer.parseInt(value),
            options.jar(), options.seedDirectory());
        case "--jar" -> options = new Options(options.passwordWarm(), options.tokenWarm(), options.coldRuns(),
            Path.of(value), options.seedDirectory());
        case "--seed" -> options = new Options(options.passwordWarm(), options.tokenWarm(), options.coldRuns(),
            options.jar(), Path.of(value));
        case "--markdown" -> markdown = Path.of(value);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: [--warm N] [--token-warm N] [--cold N] [--jar FILE] [--seed DIR] [--markdown FILE]");
      }
      i++;
    }
    Report report = run(options);
    System.out.print(text(report));
    if (markdown != null) {
      Files.writeString(markdown, markdown(report));
    }
  }

  public static Report run(Options options) throws IOException, InterruptedException {
    SeedFunction.installIfMissing(options.seedDirectory());
    try (CognitoLocal cognito = CognitoLocal.start(); CognitoIdentityProviderClient admin = cognito.adminClient()) {
      String password = TestPool.newPassword();
      // One pool per side, so that neither side's logins change the other's pool.
      TestPool ourPool = TestPool.create(admin, "bench-ours");
      String ourClient = ourPool.client("edge-gateway");
      ourPool.confirmedUser(USERNAME, password);
      TestPool seedPool = TestPool.create(admin, "bench-seed");
      String seedClient = seedPool.client("seed");
      seedPool.confirmedUser(USERNAME, password);
      for (int i = 0; i < 50; i++) { // cognito-local's own warm-up, before either side is measured
        ourPool.login(ourClient, USERNAME, password);
        seedPool.login(seedClient, USERNAME, password);
      }
      String idToken = ourPool.login(ourClient, USERNAME, password).idToken();

      OurFunction ourPassword = new OurFunction(env(cognito, ourPool.poolId, ourClient, "password"), options.jar());
      OurFunction ourToken = new OurFunction(env(cognito, ourPool.poolId, ourClient, "token"), options.jar());
      SeedFunction seed = new SeedFunction(options.seedDirectory(), cognito.endpoint().toString(), seedClient);
      byte[] passwordEvent = Events.mqtt(USERNAME, password, USERNAME);
      byte[] tokenEvent = Events.mqtt(USERNAME, idToken, USERNAME);

      // Cold starts first, taking turns, so that a slow spell of the machine falls on every side alike.
      List<Long> ourPasswordCold = new ArrayList<>();
      List<Long> ourTokenCold = new ArrayList<>();
      List<Long> seedCold = new ArrayList<>();
      for (int i = 0; i < options.coldRuns(); i++) {
        ourPasswordCold.add(ourPassword.coldStartNanos(passwordEvent));
        seedCold.add(seed.coldStartNanos(passwordEvent));
        ourTokenCold.add(ourToken.coldStartNanos(tokenEvent));
      }
      int n = options.passwordWarm();
      Samples seedWarm = seed.warm(passwordEvent, n, Options.warmup(n));
      Samples ourPasswordWarm = ourPassword.warm(passwordEvent, n, Options.warmup(n));
      int t = options.tokenWarm();
      Samples ourTokenWarm = ourToken.warm(tokenEvent, t, Options.warmup(t));

      String java = "Java " + System.getProperty("java.version");
      String node = SeedFunction.nodeVersion();
      List<Row> rows = List.of(
          new Row("password", "ours (" + java + ")", ourPasswordWarm, Samples.of(ourPasswordCold)),
          new Row("password", "seed (Node " + node + ")", seedWarm, Samples.of(seedCold)),
          new Row("token", "ours (" + java + ")", ourTokenWarm, Samples.of(ourTokenCold)));
      return new Report(rows, targets(rows), node, System.getProperty("java.version"), options);
    }
  }

  private static Map<String, String> env(CognitoLocal cognito, String poolId, String clientId, String modes) {
    Map<String, String> env = new HashMap<>();
    env.put("COGNITO_USER_POOL_ID", poolId);
    env.put("COGNITO_CLIENT_ID", clientId);
    env.put("COGNITO_ENDPOINT", cognito.endpoint().toString());
    env.put("AWS_REGION", REGION);
    env.put("AWS_ACCOUNT_ID", ACCOUNT);
    env.put("AUTH_MODES", modes);
    return env;
  }

  private static List<Target> targets(List<Row> rows) {
    Row ourPassword = rows.get(0);
    Row seed = rows.get(1);
    Row ourToken = rows.get(2);
    double tokenP99 = ourToken.warm().p99Millis();
    List<Target> targets = new ArrayList<>();
    targets.add(new Target("token mode warm p99 under 2 ms in-process", ms(tokenP99) + " (target 2 ms)",
        tokenP99 / 2, tokenP99 < 2));
    targets.add(compare("password mode warm p50 no worse than the seed's", ourPassword.warm().p50Millis(),
        seed.warm().p50Millis(), 1));
    targets.add(compare("password mode warm p99 no worse than the seed's", ourPassword.warm().p99Millis(),
        seed.warm().p99Millis(), 1));
    targets.add(compare("token mode cold start no slower than the seed's", ourToken.cold().p50Millis(),
        seed.cold().p50Millis(), 1));
    targets.add(compare("password mode cold start at most 2x the seed's", ourPassword.cold().p50Millis(),
        seed.cold().p50Millis(), 2));
    return targets;
  }

  private static Target compare(String name, double ours, double seed, double allowedRatio) {
    double ratio = ours / seed;
    return new Target(name, ms(ours) + " vs " + ms(seed), ratio, ratio <= allowedRatio);
  }

  static String ms(double millis) {
    return millis < 10 ? String.format(Locale.ROOT, "%.2f ms", millis) : String.format(Locale.ROOT, "%.0f ms", millis);
  }

  private static String cold(Samples cold) {
    return cold.count() == 1 ? ms(cold.p50Millis())
        : ms(cold.p50Millis()) + " (" + ms(cold.minMillis()).replace(" ms", "") + "-" + ms(cold.maxMillis()) + ")";
  }

  public static String text(Report report) {
    StringBuilder out = new StringBuilder();
    Options o = report.options();
    out.append(String.format(Locale.ROOT, "warm: %d invocations per password row, %d token (after a tenth as many"
        + " unmeasured); cold: median (min-max) of %d process starts%n", o.passwordWarm(), o.tokenWarm(), o.coldRuns()));
    String format = "%-9s %-22s %10s %10s %26s%n";
    out.append(String.format(Locale.ROOT, format, "mode", "side", "warm p50", "warm p99", "cold start"));
    for (Row row : report.rows()) {
      out.append(String.format(Locale.ROOT, format, row.mode(), row.side(), ms(row.warm().p50Millis()),
          ms(row.warm().p99Millis()), cold(row.cold())));
    }
    out.append(String.format(Locale.ROOT, format, "token", "seed", "-", "-", "- (no token mode)"));
    out.append(System.lineSeparator());
    for (Target target : report.targets()) {
      out.append(String.format(Locale.ROOT, "%-50s %-22s ratio %5.2f  %s%n", target.name(), target.measured(),
          target.ratio(), target.met() ? "met" : "NOT met"));
    }
    return out.toString();
  }

  public static String markdown(Report report) {
    StringBuilder out = new StringBuilder();
    out.append("| mode | side | warm p50 | warm p99 | cold start, median (min-max) |\n|---|---|---|---|---|\n");
    for (Row row : report.rows()) {
      out.append("| ").append(row.mode()).append(" | ").append(row.side()).append(" | ")
          .append(ms(row.warm().p50Millis())).append(" | ").append(ms(row.warm().p99Millis())).append(" | ")
          .append(cold(row.cold())).append(" |\n");
    }
    out.append("| token | seed | - | - | - (it has no token mode) |\n\n");
    out.append("| target | measured | ratio | |\n|---|---|---|---|\n");
    for (Target target : report.targets()) {
      out.append("| ").append(target.name()).append(" | ").append(target.measured()).append(" | ")
          .append(String.format(Locale.ROOT, "%.2f", target.ratio())).append(" | ")
          .append(target.met() ? "met" : "**not met**").append(" |\n");
    }
    return out.toString();
  }
}
