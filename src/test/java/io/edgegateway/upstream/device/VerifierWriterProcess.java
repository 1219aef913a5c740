package io.edgegateway.upstream.device;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** A second process that remembers devices: {@code <directory> <prefix> <count>}. */
public final class VerifierWriterProcess {

  private VerifierWriterProcess() {
  }

  public static void main(String[] args) throws Exception {
    DeviceVerifiers verifiers = new DeviceVerifiers(Path.of(args[0]), Clock.systemUTC(), 1, new SecureRandom());
    int count = Integer.parseInt(args[2]);
    for (int i = 0; i < count; i++) {
      verifiers.remember(args[1] + i, "client-" + i, "pw".getBytes(StandardCharsets.UTF_8));
    }
  }
}
