package dev.costflow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code costflow import …}: billing data into the store, usage or an architecture into a model. */
@Command(
    name = "import",
    description = "Bring billing data, usage or an architecture in.",
    mixinStandardHelpOptions = true,
    subcommands = {
      // one importer per line (keeps merges of new importers simple)
      ImportCurCommand.class,
      ImportCur2Command.class,
      ImportFocusCommand.class,
      ImportCeCommand.class,
    })
public final class ImportCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
