package dev.costflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code costflow pricing list|show|import}: the price catalog. */
@Command(name = "pricing", mixinStandardHelpOptions = true, description = {"The price catalog: list its meters and regions, show a meter's dated rates "
    + "with their sources, import an AWS Price List offer file. Docs: docs/pricing-catalog.md."},
    subcommands = {
      // one subcommand per line
      PricingListCommand.class,
      PricingShowCommand.class,
      PricingImportCommand.class,
    })
public final class PricingCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
