package io.edgegateway.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testing.GatewayProcess;
import io.edgegateway.testing.V5Device;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package {@code mvn package} builds ({@code target/edge-gateway_<version>_all.deb}), as dpkg and
 * systemd see it: its control data and files, its unit checked by {@code systemd-analyze} as installed, and
 * the gateway started from the package unpacked into a scratch root, through the installed launcher.
 */
class DebianPackageIT {

  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final String UNIT = "lib/systemd/system/edge-gateway.service";
  private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for edge-gateway\\.service: (\\d+\\.\\d+)");

  /** Regular files and their modes; every entry belongs to root. */
  private static final Map<String, String> FILES = new LinkedHashMap<>();

  static {
    FILES.put("./usr/share/edge-gateway/edge-gateway.jar", "-rw-r--r--");
    FILES.put("./usr/bin/edge-gateway", "-rwxr-xr-x");
    FILES.put("./" + UNIT, "-rw-r--r--");
    FILES.put("./etc/edge-gateway/gateway.yaml", "-rw-r--r--");
    FILES.put("./usr/share/doc/edge-gateway/README.md", "-rw-r--r--");
    FILES.put("./usr/share/doc/edge-gateway/docs/BENCHMARKS.md", "-rw-r--r--");
    FILES.put("./usr/share/doc/edge-gateway/docs/CONFIGURATION.md", "-rw-r--r--");
    FILES.put("./usr/share/doc/edge-gateway/docs/SPOOL.md", "-rw-r--r--");
    FILES.put("./usr/share/doc/edge-gateway/examples/passwd.example", "-rw-r--r--");
    FILES.put("./usr/share/doc/edge-gateway/examples/acl.example", "-rw-r--r--");
  }

  @TempDir
  static Path root;

  private static Path deb;

  @BeforeAll
  static void unpackIntoScratchRoot() throws Exception {
    Path target = Path.of(System.getProperty("edgeGateway.buildDirectory", "target"));
    try (Stream<Path> files = Files.list(target)) {
      deb = files.filter(p -> p.getFileName().toString().matches("edge-gateway_.+_all\\.deb"))
          .max(Comparator.comparing(DebianPackageIT::modified))
          .orElseThrow(() -> new AssertionError("no edge-gateway_*_all.deb in " + target + ": run mvn package"));
    }
    assertThat(run("dpkg-deb", "-x", deb.toString(), root.toString()).exit()).isZero();
    // /bin/kill (ExecReload) comes with every Debian system (procps), not with the package: the test
    // machine's copy stands for it
    Files.createDirectories(root.resolve("bin"));
    Files.copy(Path.of("/bin/kill"), root.resolve("bin/kill"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    // The units the gateway's unit names (network-online.target, multi-user.target, ...) as the test machine
    // has them, so systemd-analyze can check the unit against the scratch root as on a real system.
    Path units = Stream.of("/usr/lib/systemd/system", "/lib/systemd/system").map(Path::of)
        .filter(p -> Files.exists(p.resolve("multi-user.target"))).findFirst()
        .orElseThrow(() -> new AssertionError("no systemd units on the test machine (Debian package systemd)"));
    Files.createDirectories(root.resolve("usr/lib/systemd"));
    assertThat(run("cp", "-a", units.toString(), root.resolve("usr/lib/systemd").toString()).exit()).isZero();
  }

  @Test
  void controlSaysArchitectureAllAndAJava17Runtime() throws Exception {
    Result fields = run("dpkg-deb", "-f", deb.toString(), "Package", "Version", "Architecture", "Depends");
    assertThat(fields.exit()).isZero();
    Map<String, String> control = new LinkedHashMap<>();
    fields.output().lines().forEach(l -> control.put(l.substring(0, l.indexOf(':')), l.substring(l.indexOf(':') + 2)));
    assertThat(control).containsEntry("Package", "edge-gateway").containsEntry("Architecture", "all")
        .containsEntry("Depends", "default-jre-headless (>= 2:1.17) | java17-runtime-headless | openjdk-17-jre-headless");
    // Maven's 0.1.0-SNAPSHOT is Debian's 0.1.0~snapshot, which sorts before the release 0.1.0
    String version = System.getProperty("edgeGateway.version", "");
    assertThat(control.get("Version")).isEqualTo(version.replaceFirst("-SNAPSHOT$", "~snapshot"));
  }

  @Test
  void theConfigurationIsTheOnlyConffile() throws Exception {
    Result conffiles = run("dpkg-deb", "-I", deb.toString(), "conffiles");
    assertThat(conffiles.exit()).isZero();
    assertThat(conffiles.output().lines().toList()).containsExactly("/etc/edge-gateway/gateway.yaml");
    assertThat(root.resolve("etc/edge-gateway/gateway.yaml")).hasSameTextualContentAs(PROJECT.resolve("config/gateway.yaml"));
    assertThat(root.resolve(UNIT)).hasSameTextualContentAs(PROJECT.resolve("systemd/edge-gateway.service"));
  }

  @Test
  void holdsExactlyTheShippedFilesOwnedByRootWithFixedTimes() throws Exception {
    Result listing = run("dpkg-deb", "-c", deb.toString());
    assertThat(listing.exit()).isZero();
    Map<String, String> files = new LinkedHashMap<>();
    for (String line : listing.output().lines().toList()) {
      String[] f = line.trim().split("\\s+");
      assertThat(f).as(line).hasSize(6);
      assertThat(f[1]).as(line).isEqualTo("root/root");
      assertThat(f[3] + " " + f[4]).as("entry time, fixed for reproducible packages: " + line).isEqualTo("2025-01-01 00:00");
      if (f[0].startsWith("d")) {
        assertThat(f[0]).as(line).isEqualTo("drwxr-xr-x");
      } else {
        files.put(f[5], f[0]);
      }
    }
    assertThat(files).containsExactlyInAnyOrderEntriesOf(FILES);
  }

  @Test
  void theJarHoldsTheGatewayAndNoTestMaterial() throws Exception {
    List<String> names;
    try (JarFile jar = new JarFile(root.resolve("usr/share/edge-gateway/edge-gateway.jar").toFile())) {
      names = jar.stream().map(JarEntry::getName).collect(Collectors.toList());
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.edgegateway.Main");
    }
    assertThat(names).contains("io/edgegateway/Main.class");
    assertThat(names).filteredOn(n -> n.startsWith("io/edgegateway/"))
        .noneMatch(n -> n.startsWith("io/edgegateway/testing/") || n.startsWith("io/edgegateway/iotcore/")
            || n.startsWith("io/edgegateway/packaging/") || n.matches(".*(Test|IT)(\\$.*)?\\.class"));
  }

  @Test
  void unitVerifiesAsInstalled() throws Exception {
    Result verify = run("systemd-analyze", "verify", "--root=" + root, "edge-gateway.service");
    assertThat(verify.exit()).as(verify.output()).isZero();
    // it says nothing about a sound unit (what it may say about the test machine's own units is not ours)
    assertThat(verify.output().lines()).noneMatch(l -> l.contains("edge-gateway"));
  }

  @Test
  void unitExposureIsAtMost2() throws Exception {
    Result security = run("systemd-analyze", "security", "--offline=true", "--root=" + root, "edge-gateway.service");
    assertThat(security.exit()).as(security.output()).isZero();
    Matcher m = EXPOSURE.matcher(security.output());
    assertThat(m.find()).as(security.output()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).as(security.output()).isLessThanOrEqualTo(2.0);
  }

  @Test
  void unitRunsTheLauncherRestartsOnFailureAndWaitsForAStop() throws Exception {
    List<String> unit = Files.readAllLines(root.resolve(UNIT));
    assertThat(unit).contains("ExecStart=/usr/bin/edge-gateway run", "Restart=on-failure", "RestartSec=5",
        "DynamicUser=yes", "StateDirectory=edge-gateway", "Environment=EDGE_GATEWAY_CONFIG=/etc/edge-gateway/gateway.yaml");
    assertThat(unit).noneMatch(l -> l.startsWith("MemoryDenyWriteExecute="));
    // the gateway's stop: up to 3 s for the upstream link, then the spool closes
    int stopSeconds = unit.stream().filter(l -> l.startsWith("TimeoutStopSec="))
        .map(l -> Integer.parseInt(l.substring("TimeoutStopSec=".length()))).findFirst().orElseThrow();
    assertThat(stopSeconds).isBetween(10, 90);
    assertThat(jvmOptions()).contains("-Xmx64m", "-XX:+UseSerialGC");
  }

  @Test
  void installedLauncherRunsTheInstalledConfigurationAndStopsCleanlyOnSigterm(@TempDir Path work) throws Exception {
    // as the unit runs it: its JVM options and configuration; only the port moves, so 1883 need not be free
    Map<String, String> env = Map.of(
        "JAVA_HOME", System.getProperty("java.home"),
        "EDGE_GATEWAY_OPTS", jvmOptions(),
        "EDGE_GATEWAY_CONFIG", root.resolve("etc/edge-gateway/gateway.yaml").toString(),
        "EDGE_GATEWAY_LISTENERS_0_PORT", "0");
    try (GatewayProcess gw = GatewayProcess.startCommand(work, env,
        List.of(root.resolve("usr/bin/edge-gateway").toString(), "run"))) {
      int port = gw.awaitListener("local");
      // the launcher replaced itself with java, so systemd's SIGTERM reaches the gateway
      assertThat(ProcessHandle.of(gw.pid()).flatMap(h -> h.info().command())).hasValueSatisfying(
          command -> assertThat(command).endsWith("/java"));
      try (V5Device device = V5Device.connect(port, "packaged-device")) {
        device.subscribe("hello", 1);
        device.publish("hello", "from the package", 1, false);
        assertThat(device.next().payload()).isEqualTo("from the package");

        gw.terminate();
        assertThat(device.disconnected().get(15, TimeUnit.SECONDS).getReturnCode()).isEqualTo(0x8B);
        assertThat(gw.awaitExit()).isZero();
        assertThat(gw.output()).contains("stopped");
      }
    }
  }

  @Test
  void launcherFindsItsJarThroughALinkAndJavaOnThePath(@TempDir Path work) throws Exception {
    Path link = Files.createSymbolicLink(work.resolve("edge-gateway"), root.resolve("usr/bin/edge-gateway"));
    ProcessBuilder pb = new ProcessBuilder(link.toString(), "help").directory(work.toFile()).redirectErrorStream(true);
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("EDGE_GATEWAY_OPTS");
    pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    Result help = run(pb);
    assertThat(help.exit()).as(help.output()).isZero();
    assertThat(help.output()).contains("run").contains("passwd").contains("spool");
  }

  /** The unit's EDGE_GATEWAY_OPTS. */
  private static String jvmOptions() throws IOException {
    Matcher m = Pattern.compile("^Environment=\"EDGE_GATEWAY_OPTS=([^\"]+)\"$", Pattern.MULTILINE)
        .matcher(Files.readString(root.resolve(UNIT)));
    assertThat(m.find()).as("EDGE_GATEWAY_OPTS in the unit").isTrue();
    return m.group(1);
  }

  private record Result(int exit, String output) {
  }

  private static Result run(String... command) throws IOException, InterruptedException {
    return run(new ProcessBuilder(command).redirectErrorStream(true));
  }

  private static Result run(ProcessBuilder pb) throws IOException, InterruptedException {
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not finish: " + pb.command());
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
