package io.edgegateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edge-gateway spool}: looks into the spool; it needs a subcommand ({@code stats}). */
@Command(
    name = "spool",
    description = "Inspect the spool: the messages waiting on disk to be forwarded to IoT Core.",
    subcommands = {SpoolStatsCommand.class})
public final class SpoolCommand {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;
}
