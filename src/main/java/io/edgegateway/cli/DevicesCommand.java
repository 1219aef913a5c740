package io.edgegateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edge-gateway devices}: the devices' cached verifiers; it needs a subcommand. */
@Command(
    name = "devices",
    description = {
        "List or revoke the cached verifiers that admit a device accepted by IoT Core before while IoT Core "
            + "cannot be reached (upstream.identity: device).",
        "Safe while the gateway runs: a revocation takes effect at the device's next connection."},
    subcommands = {DevicesListCommand.class, DevicesRevokeCommand.class})
public final class DevicesCommand {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;
}
