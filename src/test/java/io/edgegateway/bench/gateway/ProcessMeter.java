package io.edgegateway.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process's figures from Linux's /proc: CPU time ({@code utime + stime} of {@code /proc/PID/stat}, all its
 * threads), I/O ({@code /proc/PID/io}: {@code write_bytes} is what reached the block layer, the figure for disk
 * wear; {@code wchar} counts every write(2), sockets included) and resident memory ({@code VmHWM}, the peak, and
 * {@code VmRSS} of {@code /proc/PID/status}).
 */
final class ProcessMeter {
  private static long clockTicks;

  private ProcessMeter() {
  }

  /**
   * One reading.
   *
   * @param cpuTicks   user plus system time, in clock ticks ({@link #clockTicks()} per second)
   * @param rchar      bytes read by read(2) and the like
   * @param wchar      bytes written by write(2) and the like, sockets included
   * @param readBytes  bytes fetched from the block layer
   * @param writeBytes bytes sent to the block layer
   * @param peakRssKb  VmHWM, KiB
   * @param rssKb      VmRSS, KiB
   */
  record Sample(long cpuTicks, long rchar, long wchar, long readBytes, long writeBytes, long peakRssKb,
      long rssKb) {

    double cpuSeconds() {
      return cpuTicks / (double) clockTicks();
    }
  }

  /** Reads the process's figures now; fails if it is gone. */
  static Sample read(long pid) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    String stat = Files.readString(proc.resolve("stat"));
    // the command name, in parentheses, may hold spaces: the fields are counted after its closing one
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // fields here start at field 3 (state): utime is field 14, stime field 15
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    List<String> io = Files.readAllLines(proc.resolve("io"));
    List<String> status = Files.readAllLines(proc.resolve("status"));
    return new Sample(ticks, value(io, "rchar:"), value(io, "wchar:"), value(io, "read_bytes:"),
        value(io, "write_bytes:"), value(status, "VmHWM:"), value(status, "VmRSS:"));
  }

  /** The process's threads now ({@code Threads} of {@code /proc/PID/status}). */
  static int threads(long pid) throws IOException {
    return (int) value(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")), "Threads:");
  }

  private static long value(List<String> lines, String key) {
    for (String line : lines) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
      }
    }
    throw new IllegalStateException("no " + key + " in " + lines);
  }

  /** Clock ticks per second ({@code getconf CLK_TCK}; 100 if that cannot be run). */
  static synchronized long clockTicks() {
    if (clockTicks == 0) {
      clockTicks = 100;
      try {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out = new String(getconf.getInputStream().readAllBytes()).trim();
        if (getconf.waitFor() == 0 && !out.isEmpty()) {
          clockTicks = Long.parseLong(out);
        }
      } catch (IOException | NumberFormatException e) {
        // the usual value
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return clockTicks;
  }

  /**
   * What a process did over a measured window, per message that arrived at the simulator in it.
   *
   * @param arrived    messages that arrived in the window
   * @param cpuSeconds CPU seconds (user plus system) in the window
   * @param writeBytes bytes sent to the block layer in the window
   * @param wchar      bytes written by system calls in the window (sockets included)
   * @param peakRssKb  VmHWM at the end of the phase, KiB
   */
  record Figures(long arrived, double cpuSeconds, long writeBytes, long wchar, long peakRssKb) {
    static final Figures NONE = new Figures(0, Double.NaN, -1, -1, -1);

    static Figures between(Sample from, Sample until, long arrived, long peakRssKb) {
      return new Figures(arrived, until.cpuSeconds() - from.cpuSeconds(), until.writeBytes() - from.writeBytes(),
          until.wchar() - from.wchar(), peakRssKb);
    }

    double cpuSecondsPerMillion() {
      return arrived == 0 ? Double.NaN : cpuSeconds * 1e6 / arrived;
    }

    double diskBytesPerMessage() {
      return arrived == 0 || writeBytes < 0 ? Double.NaN : writeBytes / (double) arrived;
    }

    double peakRssMb() {
      return peakRssKb < 0 ? Double.NaN : peakRssKb / 1024.0;
    }
  }
}
